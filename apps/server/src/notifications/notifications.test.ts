import type { CaseEvent, CommentThread, ConsensusState, Notification, NotificationList } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { openNotificationStream, type CaseEventStream } from '../test-support/case-event-stream.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { pollUntil } from '../test-support/poll.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const ANCHOR = { start: 'AAECAw==', end: 'BAUGBw==' };
const PUBLIC_URL = 'https://samraad.example.no';

let server: RunningServer;
let smtp: SmtpSink;
let kommune: TestSession;
let kommune2: TestSession;
let sykehus: TestSession;
let observer: TestSession;
let secretariat: TestSession;
let helgeland: TestSession;
const ids: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startTestServer(undefined, { smtpUrl: smtp.url, mailPollMs: 200, publicUrl: PUBLIC_URL });
  [kommune, kommune2, sykehus, observer, secretariat, helgeland] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, 'kommune2@lvs.demo'),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.observator),
    login(server.url, DEMO.sekretariat),
    login(server.url, DEMO.helgelandKommune),
  ]);
  for (const [name, session] of Object.entries({ kommune, kommune2, sykehus, observer, secretariat })) {
    ids[name] = ((await (await send(session, 'GET', '/auth/session')).json()) as { user: { id: string } }).user.id;
  }
});

afterAll(async () => {
  await server.close();
  await smtp.close();
});

async function bell(session: TestSession): Promise<NotificationList> {
  const response = await send(session, 'GET', '/me/notifications');
  expect(response.status).toBe(200);
  return (await response.json()) as NotificationList;
}

async function noticeFor(session: TestSession, matches: (n: Notification) => boolean): Promise<Notification> {
  const list = await pollUntil(
    () => bell(session),
    (l) => l.items.some(matches),
    'a notice',
  );
  return list.items.find(matches)!;
}

function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  return pollUntil(
    () => Promise.resolve(smtp.received.find((m) => m.to.includes(address) && subject.test(m.parsed.subject ?? ''))),
    (m) => m !== undefined,
    `mail to ${address} about ${subject}`,
  ) as Promise<ReceivedMail>;
}

async function openStream(session: TestSession): Promise<CaseEventStream> {
  const stream = await openNotificationStream(session);
  await stream.next('ready' as CaseEvent['type']);
  return stream;
}

describe('mentions and replies', () => {
  it('tells the mentioned person at once, live and by mail, and only them', async () => {
    const live = await openStream(sykehus);
    const created = await send(kommune, 'POST', `/cases/${CASE}/threads`, {
      sectionId: 'kommunenes-vurdering',
      anchor: ANCHOR,
      quote: 'RKK',
      body: 'Nils, kan dere se på dette?',
      mentions: [ids.sykehus],
    });
    expect(created.status).toBe(201);
    const thread = (await created.json()) as CommentThread;

    const pushed = await live.next('notification', (n) => n.kind === 'mention' && n.threadId === thread.id);
    live.close();
    expect(pushed.title).toContain('Kari Lind nevnte deg');
    expect(pushed).toMatchObject({
      body: 'Nils, kan dere se på dette?',
      caseId: CASE,
      sectionId: 'kommunenes-vurdering',
      link: `/sak/${CASE}?del=kommunenes-vurdering&trad=${thread.id}`,
      readAt: null,
    });
    // The author is not told of their own comment; others in the community are not told of a mention.
    expect((await bell(kommune)).items.some((n) => n.threadId === thread.id)).toBe(false);
    expect((await bell(observer)).items.some((n) => n.threadId === thread.id)).toBe(false);

    const mail = await mailTo('sykehus@lvs.demo', /Kari Lind nevnte deg/);
    expect(mail.to).toEqual(['sykehus@lvs.demo']);
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/sak/${CASE}?del=kommunenes-vurdering&trad=${thread.id}`);
    expect(mail.parsed.html).toContain(`${PUBLIC_URL}/sak/${CASE}?del=kommunenes-vurdering&amp;trad=${thread.id}`);
    ids.thread = thread.id;
  });

  it('keeps the mention when the thread is resolved', async () => {
    expect((await send(kommune, 'PUT', `/threads/${ids.thread}/status`, { status: 'resolved' })).status).toBe(200);
    expect((await bell(sykehus)).items.filter((n) => n.threadId === ids.thread && n.kind === 'mention')).toHaveLength(
      1,
    );
  });

  it('refuses mentioning someone outside the community, and tells nobody', async () => {
    const helgelandId = ((await (await send(helgeland, 'GET', '/auth/session')).json()) as { user: { id: string } })
      .user.id;
    const refused = await send(kommune, 'POST', `/threads/${ids.thread}/comments`, {
      body: 'Hege?',
      mentions: [helgelandId],
    });
    expect(refused.status).toBe(400);
    expect((await bell(helgeland)).items).toEqual([]);
  });

  it('tells those who took part in a thread of a reply', async () => {
    const reply = await send(sykehus, 'POST', `/threads/${ids.thread}/comments`, { body: 'Vi ser på det.' });
    expect(reply.status).toBe(201);
    const notice = await noticeFor(kommune, (n) => n.kind === 'reply' && n.threadId === ids.thread);
    expect(notice.title).toContain('Nils Berg svarte');
    // A reply mails by the daily digest unless the person chose otherwise.
    expect(smtp.received.some((m) => m.to.includes('kommune@lvs.demo') && /svarte/.test(m.parsed.subject ?? ''))).toBe(
      false,
    );
  });
});

describe('each person sees and marks only their own notices', () => {
  it('counts unread, marks one and all read, and refuses another person\u2019s notice', async () => {
    const mine = await bell(sykehus);
    expect(mine.unread).toBeGreaterThan(0);
    const first = mine.items[0]!;
    // The observer cannot mark (or learn of) Nils's notice: it answers as if there were none.
    expect((await send(observer, 'POST', `/me/notifications/${first.id}/read`)).status).toBe(404);
    expect((await send(observer, 'POST', '/me/notifications/999999999/read')).status).toBe(404);
    expect((await send(observer, 'POST', '/me/notifications/abc/read')).status).toBe(404);
    expect((await bell(sykehus)).items.find((n) => n.id === first.id)!.readAt).toBeNull();

    const marked = await send(sykehus, 'POST', `/me/notifications/${first.id}/read`);
    expect(marked.status).toBe(200);
    expect(((await marked.json()) as { unread: number }).unread).toBe(mine.unread - 1);
    expect((await send(sykehus, 'POST', '/me/notifications/read-all')).status).toBe(200);
    const after = await bell(sykehus);
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('needs a login', async () => {
    expect((await fetch(`${server.url}/api/me/notifications`)).status).toBe(401);
  });
});

describe('the decision round', () => {
  it('asks each side to approve when the secretariat moves 04-2022 to til beslutning, by bell and mail', async () => {
    expect((await moveCase(secretariat, CASE, 'til_beslutning')).status).toBe(200);
    for (const [session, email] of [
      [kommune, 'kommune@lvs.demo'],
      [sykehus, 'sykehus@lvs.demo'],
    ] as const) {
      const notice = await noticeFor(session, (n) => n.kind === 'approval-needed' && n.caseId === CASE);
      expect(notice.link).toBe(`/sak/${CASE}?del=innstilling`);
      const mail = await mailTo(email, /venter på godkjenning/);
      expect(mail.parsed.text).toContain(`${PUBLIC_URL}/sak/${CASE}?del=innstilling`);
    }
    // The observer hears of the move, but is not asked to approve; the secretariat moved it.
    const observed = await noticeFor(observer, (n) => n.caseId === CASE && n.kind === 'case-status');
    expect(observed.title).toContain('til beslutning');
    expect((await bell(observer)).items.some((n) => n.kind === 'approval-needed')).toBe(false);
    expect((await bell(secretariat)).items.some((n) => n.kind === 'case-status' && n.caseId === CASE)).toBe(false);
  });

  it('tells the municipal approver at once why their approval dropped when the hospital changes the wording', async () => {
    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    const live = await openStream(kommune);

    const editor = connectSectionClient(sykehus, CASE, 'innstilling');
    await waitForSync(editor);
    editor.type(' Sykehuset presiserer.');
    await waitFor(() => editor.provider.synced, 'sync');

    const dropped = await live.next('notification', (n) => n.kind === 'approval-dropped', 10_000);
    live.close();
    editor.destroy();
    expect(dropped.title).toContain('Godkjenningen fra kommunene falt bort');
    expect(dropped.body).toContain('Nils Berg endret innstillingen etter at Kari Lind godkjente');
    expect(dropped.link).toBe(`/sak/${CASE}?del=innstilling`);
    const mail = await mailTo('kommune@lvs.demo', /falt bort/);
    expect(mail.parsed.text).toContain('Nils Berg endret innstillingen');
    // The hospital, who changed it and had approved nothing, is not told.
    expect((await bell(sykehus)).items.some((n) => n.kind === 'approval-dropped')).toBe(false);
  });

  it('tells the community when both sides approve and the wording locks', async () => {
    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    const locked = await approve(sykehus, CASE, currentHash!);
    expect(((await locked.json()) as ConsensusState).status).toBe('konsensus');
    const notice = await noticeFor(observer, (n) => n.kind === 'consensus' && n.caseId === CASE);
    expect(notice.title).toContain('Konsensus');
    expect((await bell(kommune)).items.some((n) => n.kind === 'consensus' && n.caseId === CASE)).toBe(true);
  });

  it('asks the other side to confirm a reopening', async () => {
    const asked = await send(kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, { reason: 'Ny informasjon' });
    expect(asked.status).toBe(201);
    const notice = await noticeFor(sykehus, (n) => n.kind === 'reopen-requested');
    expect(notice.body).toContain('Ny informasjon');
    expect((await bell(kommune2)).items.some((n) => n.kind === 'reopen-requested')).toBe(false);
  });
});

describe('mail settings', () => {
  it('turns a kind of mail off for one person, and keeps the bell', async () => {
    const saved = await send(kommune2, 'PUT', '/me/notification-settings', { mention: 'off' });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Record<string, string>).mention).toBe('off');
    expect((await send(kommune2, 'PUT', '/me/notification-settings', { mention: 'sometimes' })).status).toBe(400);
    const created = await send(sykehus, 'POST', `/cases/lvs-07-2021/threads`, {
      sectionId: 'bakgrunn',
      anchor: ANCHOR,
      quote: 'x',
      body: 'Jonas og Kari?',
      mentions: [ids.kommune2, ids.kommune],
    });
    expect(created.status).toBe(201);
    await noticeFor(kommune2, (n) => n.kind === 'mention' && n.caseId === 'lvs-07-2021');
    // Kari's mail (on by default) is the barrier: mail is sent in order, Jonas's would have been first.
    await mailTo('kommune@lvs.demo', /nevnte deg i .*07-2021/);
    expect(
      smtp.received.some((m) => m.to.includes('kommune2@lvs.demo') && /07-2021/.test(m.parsed.subject ?? '')),
    ).toBe(false);
  });
});
