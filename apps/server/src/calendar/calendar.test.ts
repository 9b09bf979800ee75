import type { Body, Meeting, MeetingDetail } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { pollUntil } from '../test-support/poll.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestServer } from '../test-support/test-server.js';

const PUBLIC_URL = 'https://samraad.example.no';

let server: RunningServer;
let smtp: SmtpSink;
let secretariat: TestSession;
let kommune: TestSession;
let helgeland: TestSession;
let meeting: Meeting;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer(undefined, { smtpUrl: smtp.url, mailPollMs: 200, publicUrl: PUBLIC_URL });
  [secretariat, kommune, helgeland] = await Promise.all([
    login(server.url, DEMO.sekretariat),
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.helgelandKommune),
  ]);
});

afterAll(async () => {
  await server.close();
  await smtp.close();
});

/** The calendar part of the n-th meeting mail to Kari, once it has arrived. */
async function invitationToKari(count: number): Promise<string> {
  const mails = await pollUntil(
    () =>
      Promise.resolve(
        smtp.received.filter((m) => m.to.includes('kommune@lvs.demo') && /[Mm]øte/.test(m.parsed.subject ?? '')),
      ),
    (found) => found.length >= count,
    `meeting mail ${count}`,
  );
  const mail = mails[count - 1]!;
  expect(mail.parsed.text).toContain(`${PUBLIC_URL}/mote/${meeting.id}`);
  const calendar = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(calendar).toBeDefined();
  return calendar!.content.toString('utf8').replace(/\r\n /g, '');
}

describe('meeting invitations', () => {
  it('sends an invitation with the agenda link when a meeting is planned', async () => {
    const bodies = (await (await send(secretariat, 'GET', '/communities/lvs/bodies')).json()) as Body[];
    const created = await send(secretariat, 'POST', '/communities/lvs/meetings', {
      bodyId: bodies[0]!.id,
      date: '2027-03-04',
      place: 'Bodø rådhus',
    });
    expect(created.status).toBe(201);
    meeting = ((await created.json()) as MeetingDetail).meeting;
    const ics = await invitationToKari(1);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:meeting-${meeting.id}@samraad`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270304');
    expect(ics).toContain(`${PUBLIC_URL}/mote/${meeting.id}`);
    expect(ics).toContain('kommune@lvs.demo');
  });

  it('updates the same calendar entry when the meeting moves, and cancels it', async () => {
    expect((await send(secretariat, 'PATCH', `/meetings/${meeting.id}`, { date: '2027-03-11' })).status).toBe(200);
    const moved = await invitationToKari(2);
    expect(moved).toContain(`UID:meeting-${meeting.id}@samraad`);
    expect(moved).toContain('SEQUENCE:1');
    expect(moved).toContain('DTSTART;VALUE=DATE:20270311');

    expect((await send(secretariat, 'PATCH', `/meetings/${meeting.id}`, { status: 'avlyst' })).status).toBe(200);
    const cancelled = await invitationToKari(3);
    expect(cancelled).toContain('METHOD:CANCEL');
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain(`UID:meeting-${meeting.id}@samraad`);
    expect(cancelled).toContain('SEQUENCE:2');
    const bell = (await (await send(kommune, 'GET', '/me/notifications')).json()) as {
      items: Array<{ title: string }>;
    };
    expect(bell.items.some((n) => /^Møtet i .+ 11\.03\.2027, Bodø rådhus er avlyst$/.test(n.title))).toBe(true);
  });

  it('gives each person a secret feed of their own communities\u2019 meetings', async () => {
    const { url } = (await (await send(kommune, 'GET', '/me/calendar')).json()) as { url: string };
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/api/calendar/[A-Za-z0-9_-]{32}\\.ics$`));
    const path = new URL(url).pathname;
    // No cookie: the token is the key.
    const feed = await fetch(`${server.url}${path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain(`UID:meeting-${meeting.id}@samraad`);

    const other = (await (await send(helgeland, 'GET', '/me/calendar')).json()) as { url: string };
    expect(other.url).not.toBe(url);
    expect(await (await fetch(`${server.url}${new URL(other.url).pathname}`)).text()).not.toContain(meeting.id);
    expect((await fetch(`${server.url}/api/calendar/${'x'.repeat(32)}.ics`)).status).toBe(404);
  });
});
