import type { Body, Meeting, MeetingDetail, Notification } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { pollUntil } from '../test-support/poll.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../test-support/smtp-sink.js';
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

describe('summons: only the people called to a meeting hear of it', () => {
  let sykehus: TestSession;
  let observer: TestSession;
  let people: Record<string, string>;
  let bodyId: string;

  beforeAll(async () => {
    [sykehus, observer] = await Promise.all([login(server.url, DEMO.sykehus), login(server.url, DEMO.observator)]);
    const list = (await (await send(secretariat, 'GET', '/communities/lvs/people')).json()) as Array<{
      id: string;
      name: string;
    }>;
    people = Object.fromEntries(list.map((p) => [p.name, p.id]));
    bodyId = ((await (await send(secretariat, 'GET', '/communities/lvs/bodies')).json()) as Body[])[0]!.id;
  });

  const meetingNotices = async (session: TestSession, meetingId: string) =>
    ((await (await send(session, 'GET', '/me/notifications')).json()) as { items: Notification[] }).items.filter(
      (n) => n.meetingId === meetingId,
    );
  const mailsAbout = (address: string, meetingId: string) =>
    smtp.received.filter((m) => m.to.includes(address) && (m.parsed.text ?? '').includes(`/mote/${meetingId}`));
  const calendarOf = (mail: ReceivedMail) =>
    mail.parsed.attachments
      .find((a) => a.contentType.startsWith('text/calendar'))!
      .content.toString('utf8')
      .replace(/\r\n /g, '');
  const mailTo = (address: string, meetingId: string, count: number) =>
    pollUntil(
      () => Promise.resolve(mailsAbout(address, meetingId)),
      (found) => found.length >= count,
      `meeting mail ${count} to ${address}`,
    ).then((found) => found[count - 1]!);

  it('summons the members of both sides and the secretariat by default, not observers', async () => {
    const created = await send(secretariat, 'POST', '/communities/lvs/meetings', {
      bodyId,
      date: '2027-05-06',
      place: 'Digitalt',
    });
    expect(created.status).toBe(201);
    const detail = (await created.json()) as MeetingDetail;
    const summoned = detail.summoned.map((p) => p.id);
    expect(summoned).toEqual(expect.arrayContaining([people['Kari Lind'], people['Nils Berg']]));
    const observerId = ((await (await send(observer, 'GET', '/auth/session')).json()) as { user: { id: string } }).user
      .id;
    expect(summoned).not.toContain(observerId);
    expect(await meetingNotices(sykehus, detail.meeting.id)).toHaveLength(1);
    // Written in the transaction that planned the meeting: the observer's bell is final already.
    expect(await meetingNotices(observer, detail.meeting.id)).toEqual([]);
  });

  it('tells only the people the secretariat picked, at the times it set, and keeps the UID as people change', async () => {
    const created = await send(secretariat, 'POST', '/communities/lvs/meetings', {
      bodyId,
      date: '2027-06-10',
      startTime: '10:00',
      endTime: '12:30',
      place: 'Bodø rådhus',
      summoned: [people['Kari Lind']],
    });
    expect(created.status).toBe(201);
    const planned = ((await created.json()) as MeetingDetail).meeting;
    expect(planned).toMatchObject({ startTime: '10:00', endTime: '12:30' });
    const invitation = calendarOf(await mailTo('kommune@lvs.demo', planned.id, 1));
    // Summer time in Norway: 10:00 there is 08:00 UTC.
    expect(invitation).toContain('DTSTART:20270610T080000Z');
    expect(invitation).toContain('DTEND:20270610T103000Z');
    expect(invitation).not.toContain('VALUE=DATE');
    expect(await meetingNotices(sykehus, planned.id)).toEqual([]);

    // Nils is called in, Kari taken off: he is invited, her entry cancelled, one UID throughout.
    const changed = await send(secretariat, 'PATCH', `/meetings/${planned.id}`, { summoned: [people['Nils Berg']] });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as MeetingDetail).summoned.map((p) => p.name)).toEqual(['Nils Berg']);
    const invited = calendarOf(await mailTo('sykehus@lvs.demo', planned.id, 1));
    expect(invited).toContain('METHOD:REQUEST');
    expect(invited).toContain(`UID:meeting-${planned.id}@samraad`);
    expect(invited).toContain('SEQUENCE:1');
    const released = calendarOf(await mailTo('kommune@lvs.demo', planned.id, 2));
    expect(released).toContain('METHOD:CANCEL');
    expect(released).toContain(`UID:meeting-${planned.id}@samraad`);
    expect(released).toContain('SEQUENCE:1');

    // Made a whole-day meeting: the update is a date, same UID, for the one summoned now.
    const allDay = await send(secretariat, 'PATCH', `/meetings/${planned.id}`, { startTime: null, endTime: null });
    expect(allDay.status).toBe(200);
    const moved = calendarOf(await mailTo('sykehus@lvs.demo', planned.id, 2));
    expect(moved).toContain('DTSTART;VALUE=DATE:20270610');
    expect(moved).toContain(`UID:meeting-${planned.id}@samraad`);
    expect(moved).toContain('SEQUENCE:2');
    expect(await meetingNotices(kommune, planned.id)).toHaveLength(2);
  });

  it('refuses summoning people outside the community, half a time, and anyone but the secretariat', async () => {
    const helgelandId = ((await (await send(helgeland, 'GET', '/auth/session')).json()) as { user: { id: string } })
      .user.id;
    const stranger = await send(secretariat, 'POST', '/communities/lvs/meetings', {
      bodyId,
      date: '2027-07-01',
      place: 'Digitalt',
      summoned: [people['Kari Lind'], helgelandId],
    });
    expect(stranger.status).toBe(400);
    expect((await (await send(helgeland, 'GET', '/me/notifications')).json()) as { items: unknown[] }).toMatchObject({
      items: [],
    });
    const halfTime = await send(secretariat, 'POST', '/communities/lvs/meetings', {
      bodyId,
      date: '2027-07-01',
      startTime: '09:00',
      place: 'Digitalt',
    });
    expect(halfTime.status).toBe(400);
    const backwards = await send(secretariat, 'PATCH', `/meetings/${meeting.id}`, {
      startTime: '12:00',
      endTime: '11:00',
    });
    expect(backwards.status).toBe(400);
    const byMember = await send(kommune, 'PATCH', `/meetings/${meeting.id}`, { summoned: [people['Kari Lind']] });
    expect(byMember.status).toBe(403);
  });
});
