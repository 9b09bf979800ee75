import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlAuditLog } from '../audit/audit-log.js';
import { createSqlInvitationStore } from '../auth/invitation-store.js';
import { createSqlSessionStore } from '../auth/session-store.js';
import { hashToken } from '../auth/tokens.js';
import { MeetingCalendar } from '../calendar/meeting-calendar.js';
import { ConflictError } from '../cases/case-repository.js';
import { createSqlCommentRepository } from '../comments/sql-comment-repository.js';
import { createSqlDeclarationRepository } from '../declarations/declaration-repository.js';
import { MailOutbox, enqueueMail } from '../mail/outbox.js';
import { createSqlMeetingRepository } from '../meetings/meeting-repository.js';
import { createSqlMetaStore } from '../meta/meta-store.js';
import { CaseEvents } from '../events/case-events.js';
import { NotificationStore, insertNotification, type NewNotification } from '../notifications/notification-store.js';
import { Notifier } from '../notifications/notifier.js';
import { createSqlPublicationRepository, recordPublication } from '../publication/publication-repository.js';
import { openTestSql, TEST_DB } from '../test-support/test-database.js';
import { createSqlUserRepository } from '../users/sql-user-repository.js';
import type { Storage } from './storage.js';

/**
 * The repositories' promises, asserted the same way on both databases: this file runs in the
 * SQLite pass and, with SAMRAAD_TEST_DB=postgres, in the PostgreSQL pass. Each test starts from
 * an empty, migrated database with two communities, an organisation per side and a case.
 */
let storage: Storage;

const COMMUNITY = 'nord';
const OTHER_COMMUNITY = 'agder';
const CASE = 'sak-1';
const SECTION = 'bakgrunn';

beforeEach(async () => {
  storage = await openTestSql();
  const { db } = storage;
  await db
    .insertInto('communities')
    .values([
      { id: COMMUNITY, name: 'Nord', hospital_name: 'Nordlandssykehuset' },
      { id: OTHER_COMMUNITY, name: 'Agder', hospital_name: 'Sørlandet sykehus' },
    ])
    .execute();
  await db
    .insertInto('organisations')
    .values([
      { id: 'bodo', community_id: COMMUNITY, name: 'Bodø kommune', side: 'kommune', region: null },
      { id: 'nlsh', community_id: COMMUNITY, name: 'Nordlandssykehuset', side: 'helseforetak', region: null },
    ])
    .execute();
  await db
    .insertInto('cases')
    .values({
      id: CASE,
      community_id: COMMUNITY,
      number: '01-2026',
      body: 'SSU',
      title: 'Ambulanse',
      kind: 'beslutningssak',
      status: 'utkast',
      case_officers: '[]',
      document_date: null,
      meeting_date: null,
      reference: '2026/0001',
      attachments: '[]',
    })
    .execute();
  await db
    .insertInto('sections')
    .values({ id: SECTION, case_id: CASE, kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared', position: 0 })
    .execute();
});

afterEach(async () => {
  await storage.close();
});

async function person(name: string, email = `${name.toLowerCase()}@example.no`) {
  return createSqlUserRepository(storage).createUser({ email, name, passwordHash: `hash-of-${name}` });
}

describe(`users (${TEST_DB})`, () => {
  it('are found by email whatever its case and spacing, and carry their own title and password hash', async () => {
    const users = createSqlUserRepository(storage);
    const kari = await users.createUser({ email: ' Kari@Bodo.kommune.no ', name: 'Kari', passwordHash: 'h1' });
    expect(kari.email).toBe('kari@bodo.kommune.no');
    expect(await users.findByEmail('KARI@bodo.kommune.no')).toEqual({ ...kari, passwordHash: 'h1' });
    expect(await users.findByEmail('ola@bodo.kommune.no')).toBeNull();

    await users.setTitle(kari.id, 'Kommuneoverlege');
    await users.setPasswordHash(kari.id, 'h2');
    expect(await users.getUser(kari.id)).toEqual({ ...kari, title: 'Kommuneoverlege' });
    expect((await users.findByEmail(kari.email))?.passwordHash).toBe('h2');
    expect(await users.getUser('nobody')).toBeNull();
  });

  it('refuses a second person with the same email', async () => {
    await person('Kari', 'kari@example.no');
    await expect(person('Kari2', 'KARI@example.no')).rejects.toThrow();
  });

  it('hold one membership per community, replaced (not added) when set again', async () => {
    const users = createSqlUserRepository(storage);
    const kari = await person('Kari');
    await users.setMembership({
      userId: kari.id,
      communityId: COMMUNITY,
      organisationId: 'bodo',
      side: 'kommune',
      role: 'member',
    });
    await users.setMembership({
      userId: kari.id,
      communityId: OTHER_COMMUNITY,
      organisationId: null,
      side: null,
      role: 'observer',
    });
    await users.setMembership({
      userId: kari.id,
      communityId: COMMUNITY,
      organisationId: 'nlsh',
      side: 'helseforetak',
      role: 'secretariat',
    });
    expect(await users.memberships(kari.id)).toEqual([
      {
        userId: kari.id,
        communityId: OTHER_COMMUNITY,
        organisationId: null,
        side: null,
        role: 'observer',
        communityName: 'Agder',
        organisationName: null,
      },
      {
        userId: kari.id,
        communityId: COMMUNITY,
        organisationId: 'nlsh',
        side: 'helseforetak',
        role: 'secretariat',
        communityName: 'Nord',
        organisationName: 'Nordlandssykehuset',
      },
    ]);
    expect(await users.membershipIn(kari.id, COMMUNITY)).toMatchObject({ role: 'secretariat', side: 'helseforetak' });
    expect(await users.membershipIn(kari.id, 'elsewhere')).toBeNull();
  });

  it("list a community's members by name, with their organisation, and nobody else", async () => {
    const users = createSqlUserRepository(storage);
    const [per, anne, ola] = [await person('Per'), await person('Anne'), await person('Ola')];
    await users.setMembership({
      userId: per.id,
      communityId: COMMUNITY,
      organisationId: 'bodo',
      side: 'kommune',
      role: 'member',
    });
    await users.setMembership({
      userId: anne.id,
      communityId: COMMUNITY,
      organisationId: null,
      side: null,
      role: 'observer',
    });
    await users.setMembership({
      userId: ola.id,
      communityId: OTHER_COMMUNITY,
      organisationId: null,
      side: null,
      role: 'observer',
    });
    expect(await users.membersOf(COMMUNITY)).toEqual([
      { id: anne.id, name: 'Anne', organisationName: null },
      { id: per.id, name: 'Per', organisationName: 'Bodø kommune' },
    ]);
  });
});

describe(`sessions (${TEST_DB})`, () => {
  let now = new Date('2026-03-01T10:00:00.000Z');
  const clock = () => now;
  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00.000Z');
  });

  it('are found by their token until they run out, and the database keeps only the hash', async () => {
    const kari = await person('Kari');
    const sessions = createSqlSessionStore(storage, clock, 60_000);
    const { token, csrfToken, expiresAt } = await sessions.create(kari.id);
    expect(await sessions.lookup(token)).toEqual({ userId: kari.id, csrfToken, expiresAt, user: kari });
    expect(await sessions.isActive(hashToken(token))).toBe(true);
    expect(await sessions.lookup('not-a-token')).toBeNull();
    const stored = await storage.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored).toEqual([{ token_hash: hashToken(token) }]);

    now = new Date(now.getTime() + 60_000);
    expect(await sessions.lookup(token)).toBeNull();
    expect(await sessions.isActive(hashToken(token))).toBe(false);
  });

  it('are cleared of run-out rows when a new one is made', async () => {
    const kari = await person('Kari');
    const sessions = createSqlSessionStore(storage, clock, 60_000);
    await sessions.create(kari.id);
    now = new Date(now.getTime() + 60_000);
    const fresh = await sessions.create(kari.id);
    const stored = await storage.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored).toEqual([{ token_hash: hashToken(fresh.token) }]);
  });

  it('end one at a time, or all of a person but the one kept', async () => {
    const [kari, ola] = [await person('Kari'), await person('Ola')];
    const sessions = createSqlSessionStore(storage, clock);
    const [a, b, c] = [await sessions.create(kari.id), await sessions.create(kari.id), await sessions.create(kari.id)];
    const olas = await sessions.create(ola.id);
    await sessions.destroy(a.token);
    expect(await sessions.lookup(a.token)).toBeNull();
    expect(await sessions.lookup(b.token)).not.toBeNull();

    await sessions.destroyOthers(kari.id, hashToken(c.token));
    expect(await sessions.lookup(b.token)).toBeNull();
    expect(await sessions.lookup(c.token)).not.toBeNull();
    expect(await sessions.lookup(olas.token)).not.toBeNull();

    await sessions.destroyOthers(kari.id, null);
    expect(await sessions.lookup(c.token)).toBeNull();
    expect(await sessions.lookup(olas.token)).not.toBeNull();
  });
});

describe(`invitations (${TEST_DB})`, () => {
  const input = {
    email: 'ny@bodo.kommune.no',
    name: 'Ny Person',
    communityId: COMMUNITY,
    organisationId: 'bodo',
    side: 'kommune' as const,
    role: 'member' as const,
  };

  it('are valid until used, and used once only', async () => {
    const inviter = await person('Sara');
    const invitations = createSqlInvitationStore(storage);
    const { token } = await invitations.create(input, inviter.id);
    const found = await invitations.lookup(token);
    expect(found).toMatchObject({
      status: 'valid',
      invitation: { ...input, tokenHash: hashToken(token), usedAt: null },
    });
    expect(await invitations.lookup('unknown')).toEqual({ status: 'unknown' });

    const [first, second] = await Promise.all([
      invitations.consume(hashToken(token)),
      invitations.consume(hashToken(token)),
    ]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await invitations.lookup(token)).toEqual({ status: 'used' });
  });

  it('run out after their time', async () => {
    const inviter = await person('Sara');
    let now = new Date('2026-03-01T10:00:00.000Z');
    const invitations = createSqlInvitationStore(storage, () => now, 1_000);
    const { token } = await invitations.create(input, inviter.id);
    now = new Date(now.getTime() + 1_000);
    expect(await invitations.lookup(token)).toEqual({ status: 'expired' });
  });
});

describe(`comments (${TEST_DB})`, () => {
  const anchor = { start: 'c3RhcnQ=', end: 'ZW5k' };

  it('keep a thread with its comments in order, each with its author and mentions', async () => {
    const [kari, ola, per] = [await person('Kari'), await person('Ola'), await person('Per')];
    const comments = createSqlCommentRepository(storage);
    const thread = await comments.createThread({
      caseId: CASE,
      sectionId: SECTION,
      anchor,
      quote: 'ambulanse',
      authorId: kari.id,
      body: 'Hva betyr dette?',
      mentions: [ola.id, ola.id, per.id],
    });
    expect(thread).toMatchObject({ caseId: CASE, sectionId: SECTION, anchor, quote: 'ambulanse', status: 'open' });
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({ authorId: kari.id, authorName: 'Kari', deleted: false });
    expect([...thread.comments[0]!.mentions].sort()).toEqual([ola.id, per.id].sort());

    const replied = await comments.addComment(thread.id, ola.id, 'Det betyr …', []);
    expect(replied.comments.map((c) => [c.authorName, c.body, c.mentions])).toEqual([
      ['Kari', 'Hva betyr dette?', expect.any(Array)],
      ['Ola', 'Det betyr …', []],
    ]);
    expect((await comments.listThreads(CASE)).map((t) => t.id)).toEqual([thread.id]);
    expect(await comments.listThreads('other-case')).toEqual([]);
    expect(await comments.getThread('nothing')).toBeNull();
  });

  it('edit a comment with new mentions, and delete one to a tombstone that keeps its place', async () => {
    const [kari, ola, per] = [await person('Kari'), await person('Ola'), await person('Per')];
    const comments = createSqlCommentRepository(storage);
    const thread = await comments.createThread({
      caseId: CASE,
      sectionId: SECTION,
      anchor,
      quote: 'q',
      authorId: kari.id,
      body: 'først',
      mentions: [ola.id],
    });
    const commentId = thread.comments[0]!.id;
    expect(await comments.findComment(commentId)).toEqual({ threadId: thread.id, authorId: kari.id, deleted: false });

    await comments.editComment(commentId, 'endret', [per.id]);
    const edited = (await comments.getThread(thread.id))!.comments[0]!;
    expect(edited).toMatchObject({ body: 'endret', mentions: [per.id], deleted: false });
    expect(edited.editedAt).not.toBeNull();
    expect(await comments.mentionsOf(ola.id)).toEqual([]);

    await comments.deleteComment(commentId);
    expect((await comments.getThread(thread.id))!.comments[0]).toMatchObject({ body: '', mentions: [], deleted: true });
    expect(await comments.findComment(commentId)).toMatchObject({ deleted: true });
    expect(await comments.findComment('nothing')).toBeNull();
  });

  it('list the open threads that mention a person, with the case and section, until resolved', async () => {
    const [kari, ola] = [await person('Kari'), await person('Ola')];
    const comments = createSqlCommentRepository(storage);
    const thread = await comments.createThread({
      caseId: CASE,
      sectionId: SECTION,
      anchor,
      quote: 'q',
      authorId: kari.id,
      body: '@Ola',
      mentions: [ola.id],
    });
    // Mentioned twice in one thread: still one entry.
    await comments.addComment(thread.id, kari.id, '@Ola igjen', [ola.id]);
    const mentions = await comments.mentionsOf(ola.id);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ caseNumber: '01-2026', caseTitle: 'Ambulanse', sectionTitle: 'Bakgrunn' });
    expect(mentions[0]!.thread.comments).toHaveLength(2);

    await comments.setStatus(thread.id, 'resolved', kari.id);
    expect(await comments.getThread(thread.id)).toMatchObject({ status: 'resolved', resolvedBy: kari.id });
    expect(await comments.mentionsOf(ola.id)).toEqual([]);
    await comments.setStatus(thread.id, 'open', ola.id);
    expect(await comments.getThread(thread.id)).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null });
  });
});

describe(`meetings (${TEST_DB})`, () => {
  const body = { communityId: COMMUNITY, name: 'SSU', caseBody: 'SSU', kind: 'ssu' as const };

  it('keep bodies by community, updated in place and refused a name the community already has', async () => {
    const meetings = createSqlMeetingRepository(storage);
    const ssu = await meetings.saveBody({ ...body, id: 'ssu' });
    await meetings.saveBody({ ...body, id: 'ssu', caseBody: 'Strategisk samarbeidsutvalg' });
    await meetings.saveBody({ ...body, id: 'pm', name: 'Partnerskapsmøtet', kind: 'partnerskapsmote' });
    expect(await meetings.getBody(ssu.id)).toMatchObject({ caseBody: 'Strategisk samarbeidsutvalg' });
    expect((await meetings.listBodies(COMMUNITY)).map((b) => b.name)).toEqual(['Partnerskapsmøtet', 'SSU']);
    expect(await meetings.listBodies(OTHER_COMMUNITY)).toEqual([]);
    await expect(meetings.saveBody({ ...body, id: 'ssu-2' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('keep meetings with their agenda, replaced whole, and count it in the summaries', async () => {
    const meetings = createSqlMeetingRepository(storage);
    const ssu = await meetings.saveBody({ ...body, id: 'ssu' });
    await storage.db
      .insertInto('cases')
      .values({
        id: 'sak-2',
        community_id: COMMUNITY,
        number: '02-2026',
        body: 'SSU',
        title: 'Legevakt',
        kind: 'orienteringssak',
        status: 'utkast',
        case_officers: '[]',
        document_date: null,
        meeting_date: null,
        reference: null,
        attachments: '[]',
      })
      .execute();
    const early = await meetings.createMeeting(COMMUNITY, {
      bodyId: ssu.id,
      startTime: null,
      endTime: null,
      date: '2026-04-01',
      place: 'Bodø',
      status: 'planlagt',
    });
    const late = await meetings.createMeeting(COMMUNITY, {
      bodyId: ssu.id,
      startTime: null,
      endTime: null,
      date: '2026-05-01',
      place: 'Mo',
      status: 'planlagt',
    });
    await meetings.setAgenda(early.id, [CASE, 'sak-2']);
    await meetings.setAgenda(early.id, ['sak-2', CASE]);
    expect((await meetings.agenda(early.id)).map((item) => [item.position, item.caseId, item.title])).toEqual([
      [0, 'sak-2', 'Legevakt'],
      [1, CASE, 'Ambulanse'],
    ]);
    expect(await meetings.listMeetings(COMMUNITY)).toEqual([
      { ...late, bodyName: 'SSU', agendaLength: 0 },
      { ...early, bodyName: 'SSU', agendaLength: 2 },
    ]);
    await meetings.setAgenda(early.id, []);
    expect(await meetings.agenda(early.id)).toEqual([]);

    expect(await meetings.updateMeeting(late.id, { place: 'Digitalt', status: 'avlyst' })).toMatchObject({
      date: '2026-05-01',
      place: 'Digitalt',
      status: 'avlyst',
    });
    expect(await meetings.getMeeting(late.id)).toMatchObject({ place: 'Digitalt', status: 'avlyst' });
    expect(await meetings.updateMeeting('nothing', { place: 'x' })).toBeNull();
    await meetings.setMinutesCase(early.id, CASE);
    expect(await meetings.getMeeting(early.id)).toMatchObject({ minutesCaseId: CASE });
  });

  it('list the planned meetings from a day on, soonest first, within the communities and the limit', async () => {
    const meetings = createSqlMeetingRepository(storage);
    const ssu = await meetings.saveBody({ ...body, id: 'ssu' });
    const other = await meetings.saveBody({ ...body, id: 'agder-ssu', communityId: OTHER_COMMUNITY });
    const plan = (communityId: string, bodyId: string, date: string, status: 'planlagt' | 'avlyst' = 'planlagt') =>
      meetings.createMeeting(communityId, { bodyId, date, startTime: null, endTime: null, place: 'Bodø', status });
    await plan(COMMUNITY, ssu.id, '2026-03-31');
    const first = await plan(COMMUNITY, ssu.id, '2026-04-01');
    await plan(COMMUNITY, ssu.id, '2026-04-02', 'avlyst');
    const third = await plan(COMMUNITY, ssu.id, '2026-06-01');
    const second = await plan(OTHER_COMMUNITY, other.id, '2026-05-01');
    const ids = async (communities: string[], limit: number) =>
      (await meetings.listUpcoming(communities, '2026-04-01', limit)).map((m) => m.id);
    expect(await ids([COMMUNITY, OTHER_COMMUNITY], 10)).toEqual([first.id, second.id, third.id]);
    expect(await ids([COMMUNITY, OTHER_COMMUNITY], 2)).toEqual([first.id, second.id]);
    expect(await ids([COMMUNITY], 10)).toEqual([first.id, third.id]);
    expect(await ids([], 10)).toEqual([]);
  });
});

describe(`notifications (${TEST_DB})`, () => {
  const notice = (userId: string, title: string): NewNotification => ({
    userId,
    kind: 'mention',
    title,
    body: '',
    link: '/',
    caseId: CASE,
    sectionId: null,
    threadId: null,
    meetingId: null,
    actorName: 'Kari',
    digestPending: false,
  });

  it("are each person's own: listed newest first, counted, and marked read only by their owner", async () => {
    const [kari, ola] = [await person('Kari'), await person('Ola')];
    const store = new NotificationStore(storage);
    const first = await insertNotification(storage, notice(kari.id, 'første'), '2026-03-01T10:00:00.000Z');
    const second = await insertNotification(storage, notice(kari.id, 'andre'), '2026-03-01T10:01:00.000Z');
    const olas = await insertNotification(storage, notice(ola.id, 'til Ola'), '2026-03-01T10:02:00.000Z');
    expect(first).toMatchObject({ kind: 'mention', title: 'første', caseId: CASE, actorName: 'Kari', readAt: null });
    expect(first.id).toMatch(/^\d+$/);

    expect((await store.list(kari.id)).map((n) => n.title)).toEqual(['andre', 'første']);
    expect((await store.list(kari.id, 1)).map((n) => n.title)).toEqual(['andre']);
    expect(await store.unreadCount(kari.id)).toBe(2);

    expect(await store.markRead(kari.id, olas.id, 'at')).toBe(false);
    expect(await store.markRead(kari.id, 'not-a-number', 'at')).toBe(false);
    expect(await store.unreadCount(ola.id)).toBe(1);
    expect(await store.markRead(kari.id, second.id, '2026-03-01T11:00:00.000Z')).toBe(true);
    expect(await store.unreadCount(kari.id)).toBe(1);
    expect((await store.list(kari.id))[0]).toMatchObject({ readAt: '2026-03-01T11:00:00.000Z' });

    await store.markAllRead(kari.id, '2026-03-01T12:00:00.000Z');
    expect(await store.unreadCount(kari.id)).toBe(0);
    expect(await store.unreadCount(ola.id)).toBe(1);
    // Read before: keeps the time it was first read.
    expect((await store.list(kari.id))[0]).toMatchObject({ readAt: '2026-03-01T11:00:00.000Z' });
  });

  it('keep mail settings per person and kind, over the defaults', async () => {
    const [kari, ola] = [await person('Kari'), await person('Ola')];
    const store = new NotificationStore(storage);
    const defaults = await store.mailSettings(kari.id);
    expect(defaults.mention).toBe('immediately');
    await store.saveMailSettings(kari.id, { mention: 'off', reply: 'digest' });
    const saved = await store.saveMailSettings(kari.id, { mention: 'digest' });
    expect(saved).toEqual({ ...defaults, mention: 'digest', reply: 'digest' });
    expect(await store.mailSettings(ola.id)).toEqual(defaults);
  });

  it('owed to a digest go out as one mail per person whose oldest has waited, in order, once', async () => {
    const [kari, ola] = [await person('Kari'), await person('Ola')];
    const pending = (userId: string, title: string) => ({ ...notice(userId, title), digestPending: true });
    await insertNotification(storage, notice(kari.id, 'straks sendt'), '2026-03-01T09:00:00.000Z');
    await insertNotification(storage, pending(kari.id, 'første'), '2026-03-01T10:00:00.000Z');
    await insertNotification(storage, pending(kari.id, 'andre'), '2026-03-01T11:30:00.000Z');
    // Ola's only one has not waited the hour yet.
    await insertNotification(storage, pending(ola.id, 'til Ola'), '2026-03-01T11:30:00.000Z');
    const notifier = new Notifier(storage, new NotificationStore(storage), new CaseEvents(), {
      baseUrl: () => 'https://samraad.example',
      now: () => new Date('2026-03-01T12:00:00.000Z'),
    });

    expect(await notifier.queueDigests(60 * 60_000)).toBe(1);
    const mail = await new MailOutbox(storage).recent();
    expect(mail.map((m) => m.recipient)).toEqual(['kari@example.no']);
    expect(mail[0]!.text).toMatch(/\(2\):\n\n- første\n.*\n- andre\n/);
    expect(await notifier.queueDigests(60 * 60_000)).toBe(0);
    expect(await new MailOutbox(storage).recent()).toHaveLength(1);
  });
});

describe(`the mail outbox (${TEST_DB})`, () => {
  const mail = (n: number) => ({ recipient: `p${n}@example.no`, subject: `s${n}`, text: 't', html: '<p>t</p>' });
  const at = new Date('2026-03-01T10:00:00.000Z');
  const later = (ms: number) => new Date(at.getTime() + ms);

  it('gives each due row to one sender at a time, until its lease runs out', async () => {
    const outbox = new MailOutbox(storage);
    await enqueueMail(storage, mail(1), at.toISOString());
    await enqueueMail(
      storage,
      { ...mail(2), calendar: { ics: 'BEGIN:VCALENDAR', method: 'CANCEL' } },
      at.toISOString(),
    );
    const claimed = await outbox.claim('a', at, 60_000);
    expect(claimed.map((row) => [row.recipient, row.attempts, row.calendar])).toEqual([
      ['p1@example.no', 1, null],
      ['p2@example.no', 1, { ics: 'BEGIN:VCALENDAR', method: 'CANCEL' }],
    ]);
    expect(await outbox.claim('b', later(59_999), 60_000)).toEqual([]);

    const reclaimed = await outbox.claim('b', later(60_000), 60_000);
    expect(reclaimed.map((row) => [row.id, row.attempts])).toEqual(claimed.map((row) => [row.id, 2]));
  });

  it('claims at most the rows asked for, oldest first, and leaves the rest to the next claim', async () => {
    const outbox = new MailOutbox(storage);
    for (let n = 0; n < 5; n++) await enqueueMail(storage, mail(n), at.toISOString());
    expect((await outbox.claim('a', at, 60_000, 2)).map((row) => row.subject)).toEqual(['s0', 's1']);
    expect((await outbox.claim('b', at, 60_000, 2)).map((row) => row.subject)).toEqual(['s2', 's3']);
    expect((await outbox.claim('c', at, 60_000, 2)).map((row) => row.subject)).toEqual(['s4']);
  });

  it('marks a row sent only for the sender holding it, and never hands a sent row out again', async () => {
    const outbox = new MailOutbox(storage);
    await enqueueMail(storage, mail(1), at.toISOString());
    const [row] = await outbox.claim('a', at, 1_000);
    // The lease ran out and b took the row: a's late word changes nothing.
    const [taken] = await outbox.claim('b', later(1_000), 1_000);
    expect(taken!.id).toBe(row!.id);
    await outbox.markSent(row!.id, 'a', later(1_500));
    expect((await outbox.recent())[0]!.sentAt).toBeNull();
    await outbox.markSent(row!.id, 'b', later(1_500));
    expect((await outbox.recent())[0]!.sentAt).toBe(later(1_500).toISOString());
    expect(await outbox.claim('c', later(10_000_000), 1_000)).toEqual([]);
  });

  it('puts a failed row back after a backoff, with its error', async () => {
    const outbox = new MailOutbox(storage);
    await enqueueMail(storage, mail(1), at.toISOString());
    const [row] = await outbox.claim('a', at, 60_000);
    await outbox.markFailed(row!.id, 'a', row!.attempts, 'connection refused', at);
    expect((await outbox.recent())[0]).toMatchObject({ lastError: 'connection refused', sentAt: null });
    expect(await outbox.claim('b', later(29_999), 60_000)).toEqual([]);
    expect((await outbox.claim('b', later(30_000), 60_000)).map((r) => r.attempts)).toEqual([2]);
  });

  it('hands each row to one of several senders claiming at once', async () => {
    const outbox = new MailOutbox(storage);
    for (let n = 0; n < 30; n++) await enqueueMail(storage, mail(n), at.toISOString());
    const claims = await Promise.all(['a', 'b', 'c'].map((sender) => outbox.claim(sender, at, 60_000, 12)));
    for (const claim of claims) expect(claim.length).toBeLessThanOrEqual(12);
    const ids = claims.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30);
    const held = await storage.db.selectFrom('mail_outbox').select(['id', 'claimed_by']).execute();
    for (const [i, sender] of ['a', 'b', 'c'].entries()) {
      const mine = new Set(claims[i]!.map((row) => Number(row.id)));
      expect(held.filter((row) => row.claimed_by === sender).map((row) => row.id)).toEqual(
        expect.arrayContaining([...mine]),
      );
    }
  });

  // SQLite has one writer, so no claim is ever in flight beside another there.
  it.runIf(TEST_DB === 'postgres')('skips the rows another sender is claiming, without waiting for it', async () => {
    const outbox = new MailOutbox(storage);
    for (let n = 0; n < 4; n++) await enqueueMail(storage, mail(n), at.toISOString());
    let waited: NodeJS.Timeout | undefined;
    const [first, second] = await storage.transaction(async (tx) => {
      // Claimed, not yet committed: the rows stay locked until this transaction ends.
      const held = await new MailOutbox(tx).claim('a', at, 60_000, 2);
      const beside = await Promise.race([
        outbox.claim('b', at, 60_000, 2),
        new Promise<never>((_, reject) => {
          waited = setTimeout(() => reject(new Error('the second claim waited for the first')), 10_000);
        }),
      ]);
      return [held, beside];
    });
    clearTimeout(waited);
    expect(first.map((row) => row.subject)).toEqual(['s0', 's1']);
    expect(second.map((row) => row.subject)).toEqual(['s2', 's3']);
  });

  it('shows the newest mail first in the development mailbox', async () => {
    const outbox = new MailOutbox(storage);
    for (let n = 1; n <= 3; n++) await enqueueMail(storage, mail(n), at.toISOString());
    expect((await outbox.recent(2)).map((row) => row.subject)).toEqual(['s3', 's2']);
  });
});

describe(`the audit log (${TEST_DB})`, () => {
  it("lists a case's writes newest first, with who wrote them, summed per person and section", async () => {
    const kari = await person('Kari');
    const audit = createSqlAuditLog(storage, 60_000);
    await audit.record({ userId: kari.id, caseId: CASE, sectionId: SECTION, action: 'update', bytes: 2 });
    await audit.record({ userId: kari.id, caseId: CASE, sectionId: SECTION, action: 'update', bytes: 3 });
    await audit.record({ userId: 'gone', caseId: CASE, sectionId: SECTION, action: 'refused', bytes: 7 });
    await audit.record({ userId: kari.id, caseId: 'other', sectionId: SECTION, action: 'update', bytes: 1 });
    const entries = await audit.listForCase(CASE);
    expect(entries.map((e) => [e.userName, e.action, e.bytes])).toEqual([
      ['ukjent', 'refused', 7],
      ['Kari', 'update', 5],
    ]);
    expect(await audit.listForCase(CASE, 1)).toHaveLength(1);
  });
});

describe(`the meta store and meeting calendar (${TEST_DB})`, () => {
  it('keep one value per key, replaced when set again', async () => {
    const meta = createSqlMetaStore(storage);
    expect(await meta.get('seeded')).toBeNull();
    await meta.set('seeded', '1');
    await meta.set('seeded', '2');
    expect(await meta.get('seeded')).toBe('2');
  });

  it("count each meeting's invitation sequence from 0, and give a person one feed token", async () => {
    const kari = await person('Kari');
    const meetings = createSqlMeetingRepository(storage);
    const ssu = await meetings.saveBody({
      id: 'ssu',
      communityId: COMMUNITY,
      name: 'SSU',
      caseBody: 'SSU',
      kind: 'ssu',
    });
    const meeting = await meetings.createMeeting(COMMUNITY, {
      bodyId: ssu.id,
      startTime: null,
      endTime: null,
      date: '2026-04-01',
      place: 'Bodø',
      status: 'planlagt',
    });
    const calendar = new MeetingCalendar(storage);
    expect([await calendar.bump(meeting.id), await calendar.bump(meeting.id)]).toEqual([0, 1]);
    expect(await calendar.sequences([meeting.id, 'unplanned'])).toEqual(new Map([[meeting.id, 1]]));
    expect(await calendar.sequences([])).toEqual(new Map());

    const token = await calendar.tokenFor(kari.id);
    expect(await calendar.tokenFor(kari.id)).toBe(token);
    expect(await calendar.ownerOf(token)).toBe(kari.id);
    expect(await calendar.ownerOf('x'.repeat(32))).toBeNull();
  });
});

describe(`declarations (${TEST_DB})`, () => {
  const sealed = {
    contentHash: 'h1',
    sections: [{ sectionId: SECTION, title: 'Bakgrunn', sealedState: new Uint8Array([0, 0]) }],
  };

  it('are sealed by the first signature, signed once per organisation, and unsealed when the last withdraws', async () => {
    const [kari, nils] = [await person('Kari'), await person('Nils')];
    const declarations = createSqlDeclarationRepository(storage);
    await declarations.setDeclaration(CASE, true);
    await declarations.setDeclaration(CASE, true);
    expect(await declarations.isDeclaration(CASE)).toBe(true);
    const signature = { caseId: CASE, userId: kari.id, signerTitle: 'Rådmann', contentHash: 'h1' };

    expect(await declarations.sign({ ...signature, organisationId: 'bodo' }, sealed)).toBe(true);
    // A second first signature (someone else sealed meanwhile) is refused whole.
    expect(await declarations.sign({ ...signature, organisationId: 'nlsh' }, sealed)).toBe(false);
    expect(await declarations.sign({ ...signature, organisationId: 'bodo' })).toBe(false);
    expect(await declarations.sign({ ...signature, organisationId: 'nlsh', contentHash: 'stale' })).toBe(false);
    expect(await declarations.sign({ ...signature, organisationId: 'nlsh', userId: nils.id })).toBe(true);
    expect((await declarations.signatures(CASE)).map((s) => [s.organisationName, s.side, s.userName])).toEqual([
      ['Bodø kommune', 'kommune', 'Kari'],
      ['Nordlandssykehuset', 'helseforetak', 'Nils'],
    ]);
    const seal = await declarations.seal(CASE);
    expect(seal).toMatchObject({ contentHash: 'h1', sections: [{ sectionId: SECTION, title: 'Bakgrunn' }] });
    expect([...seal!.sections[0]!.sealedState]).toEqual([0, 0]);

    expect(await declarations.withdraw({ caseId: CASE, organisationId: 'bodo', userId: kari.id })).toBe(true);
    expect(await declarations.withdraw({ caseId: CASE, organisationId: 'bodo', userId: kari.id })).toBe(false);
    expect(await declarations.seal(CASE)).not.toBeNull();
    expect(await declarations.withdraw({ caseId: CASE, organisationId: 'nlsh', userId: kari.id })).toBe(true);
    expect(await declarations.seal(CASE)).toBeNull();
    expect(
      (await declarations.withdrawals(CASE)).map((w) => [w.organisationName, w.signedByName, w.withdrawnByName]),
    ).toEqual(
      expect.arrayContaining([
        ['Bodø kommune', 'Kari', 'Kari'],
        ['Nordlandssykehuset', 'Nils', 'Kari'],
      ]),
    );

    await declarations.setDeclaration(CASE, false);
    expect(await declarations.isDeclaration(CASE)).toBe(false);
  });
});

describe(`publications (${TEST_DB})`, () => {
  const header = {
    id: CASE,
    communityId: COMMUNITY,
    number: '01-2026',
    body: 'SSU',
    title: 'Ambulanse',
    kind: 'beslutningssak' as const,
    caseOfficers: [],
    documentDate: null,
    meetingDate: null,
    reference: '2026/0001',
    attachments: [],
  };
  const frozen = {
    section: { id: SECTION, kind: 'bakgrunn' as const, title: 'Bakgrunn', owner: 'shared' as const, position: 0 },
    contentHash: 'h1',
    state: new Uint8Array([0, 0]),
  };

  it('number each publication of a case, freeze it, and lift the freeze once per confirmed correction', async () => {
    const sara = await person('Sara');
    const publications = createSqlPublicationRepository(storage);
    const first = await recordPublication(storage, {
      caseId: CASE,
      header,
      sections: [frozen],
      publishedBy: sara.id,
      correctionId: null,
    });
    expect(await publications.isFrozen(CASE)).toBe(true);
    const latest = await publications.latest(CASE);
    expect(latest).toMatchObject({ header, publication: { id: first, sequence: 1, publishedByName: 'Sara' } });
    expect(latest!.sections).toEqual([{ ...frozen, state: new Uint8Array([0, 0]) }]);

    await publications.requestCorrection({
      caseId: CASE,
      publicationId: first,
      side: 'kommune',
      userId: sara.id,
      reason: 'feil',
    });
    const [request] = await publications.corrections(CASE);
    expect(request).toMatchObject({
      side: 'kommune',
      requestedByName: 'Sara',
      confirmedBy: null,
      publicationId: first,
    });
    const confirmations = await Promise.all([
      publications.confirmCorrection(request!.id, sara.id),
      publications.confirmCorrection(request!.id, sara.id),
    ]);
    expect(confirmations.sort()).toEqual([false, true]);
    expect(await publications.isFrozen(CASE)).toBe(false);
    expect(await publications.confirmCorrection('nothing', sara.id)).toBe(false);

    await recordPublication(storage, {
      caseId: CASE,
      header,
      sections: [],
      publishedBy: null,
      correctionId: request!.id,
    });
    expect((await publications.publications(CASE)).map((p) => [p.sequence, p.publishedByName, p.correctionId])).toEqual(
      [
        [1, 'Sara', null],
        [2, null, request!.id],
      ],
    );
    expect(await publications.latest('other')).toBeNull();
  });

  it('find the cases marked published that were never recorded', async () => {
    await storage.db.updateTable('cases').set({ status: 'publisert' }).where('id', '=', CASE).execute();
    const publications = createSqlPublicationRepository(storage);
    expect(await publications.unrecordedPublished()).toEqual([CASE]);
    await recordPublication(storage, { caseId: CASE, header, sections: [], publishedBy: null, correctionId: null });
    expect(await publications.unrecordedPublished()).toEqual([]);
  });
});
