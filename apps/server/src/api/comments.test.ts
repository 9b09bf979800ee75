import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentThread } from '@samraad/schema';
import type { RunningServer } from '../server.js';
import { buildCase, type BuiltCase } from '../test-support/builders.js';
import { DEMO, login, loginDemoRoles, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

/** A case of this file's own: wording, background and each side's assessment. */
let built: BuiltCase;
let CASE: string;
let sections: BuiltCase['sections'];
const ANCHOR = { start: 'AAECAw==', end: 'BAUGBw==' };

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let observer: TestSession;
let secretariat: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  ({ kommune, sykehus, observator: observer, sekretariat: secretariat } = await loginDemoRoles(server.url));
  built = await buildCase({ secretariat, kommune, helseforetak: sykehus }, { status: 'til_drofting' });
  ({ id: CASE, sections } = built);
});

afterAll(async () => {
  await server.close();
});

const send = (session: TestSession, method: string, path: string, body?: unknown) =>
  sessionFetch(session, `/api${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

async function startThread(
  session: TestSession,
  body: string,
  extra: Record<string, unknown> = {},
): Promise<CommentThread> {
  const response = await send(session, 'POST', `/cases/${CASE}/threads`, {
    sectionId: sections.municipal,
    anchor: ANCHOR,
    quote: 'RKK',
    body,
    ...extra,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CommentThread;
}

async function userId(session: TestSession): Promise<string> {
  return ((await (await sessionFetch(session, '/api/auth/session')).json()) as { user: { id: string } }).user.id;
}

describe('comment threads', () => {
  it('lets the hospital comment on the municipalities\u2019 assessment, which it may not write', async () => {
    const thread = await startThread(sykehus, 'Hva menes med RKK her?');
    expect(thread.comments[0]).toMatchObject({ authorName: 'Nils Berg', body: 'Hva menes med RKK her?' });
    expect(thread.status).toBe('open');
  });

  it('lets an observer comment and reply', async () => {
    const thread = await startThread(observer, 'Brukerne bør være med i arenaene.');
    const reply = await send(kommune, 'POST', `/threads/${thread.id}/comments`, { body: 'Enig, vi tar det inn.' });
    expect(reply.status).toBe(201);
    expect(((await reply.json()) as CommentThread).comments.map((c) => c.authorName)).toEqual([
      'Olga Strand',
      'Kari Lind',
    ]);
  });

  it('ignores a forged author: the session decides who wrote', async () => {
    const nilsId = await userId(sykehus);
    const thread = await startThread(observer, 'Jeg er egentlig Nils', { authorId: nilsId, createdBy: nilsId });
    expect(thread.createdBy).toBe(await userId(observer));
    expect(thread.comments[0]!.authorName).toBe('Olga Strand');
  });

  it("refuses editing or deleting someone else's comment", async () => {
    const thread = await startThread(sykehus, 'Original tekst');
    const commentId = thread.comments[0]!.id;
    expect((await send(kommune, 'PATCH', `/comments/${commentId}`, { body: 'Kapret' })).status).toBe(403);
    expect((await send(kommune, 'DELETE', `/comments/${commentId}`)).status).toBe(403);
    const edited = await send(sykehus, 'PATCH', `/comments/${commentId}`, { body: 'Presisert tekst' });
    expect(((await edited.json()) as CommentThread).comments[0]).toMatchObject({ body: 'Presisert tekst' });
    const deleted = await send(sykehus, 'DELETE', `/comments/${commentId}`);
    expect(((await deleted.json()) as CommentThread).comments[0]).toMatchObject({ body: '', deleted: true });
  });

  it('lets the owning side and the secretariat resolve, not the other side', async () => {
    const thread = await startThread(observer, 'Skal løses');
    expect((await send(sykehus, 'PUT', `/threads/${thread.id}/status`, { status: 'resolved' })).status).toBe(403);
    const resolved = await send(kommune, 'PUT', `/threads/${thread.id}/status`, { status: 'resolved' });
    expect(((await resolved.json()) as CommentThread).status).toBe('resolved');
    const reopened = await send(secretariat, 'PUT', `/threads/${thread.id}/status`, { status: 'open' });
    expect(((await reopened.json()) as CommentThread).status).toBe('open');
  });

  it("hides another community's case and its threads", async () => {
    const helgeland = await login(server.url, DEMO.helgelandKommune);
    const thread = await startThread(kommune, 'Internt i LVS');
    expect((await send(helgeland, 'GET', `/cases/${CASE}/threads`)).status).toBe(404);
    expect(
      (
        await send(helgeland, 'POST', `/cases/${CASE}/threads`, {
          sectionId: sections.background,
          anchor: ANCHOR,
          quote: '',
          body: 'Hei',
        })
      ).status,
    ).toBe(404);
    expect((await send(helgeland, 'POST', `/threads/${thread.id}/comments`, { body: 'Hei' })).status).toBe(404);
    expect((await send(helgeland, 'GET', `/cases/${CASE}/events`)).status).toBe(404);
  });

  it('refuses empty, oversized and control-character bodies, and mentions of strangers', async () => {
    const post = (body: unknown) =>
      send(kommune, 'POST', `/cases/${CASE}/threads`, {
        sectionId: sections.background,
        anchor: ANCHOR,
        quote: '',
        ...(body as object),
      });
    expect((await post({ body: '   ' })).status).toBe(400);
    expect((await post({ body: 'x'.repeat(4001) })).status).toBe(400);
    expect((await post({ body: 'null\u0000byte' })).status).toBe(400);
    expect((await post({ body: 'Hei', mentions: ['ukjent-person'] })).status).toBe(400);
    expect((await post({ body: 'Hei', anchor: { start: '<script>', end: 'x' } })).status).toBe(400);
  });

  it('stores markup as plain text', async () => {
    const thread = await startThread(kommune, '<img src=x onerror=alert(1)>');
    expect(thread.comments[0]!.body).toBe('<img src=x onerror=alert(1)>');
  });

  it('lists open threads that mention me', async () => {
    const nilsId = await userId(sykehus);
    const thread = await startThread(kommune, '@Nils Berg kan dere svare på dette?', { mentions: [nilsId] });
    const mine = (await (await sessionFetch(sykehus, '/api/me/mentions')).json()) as Array<{
      thread: CommentThread;
      caseNumber: string;
      sectionTitle: string;
    }>;
    expect(mine.find((m) => m.thread.id === thread.id)).toMatchObject({
      caseNumber: built.case.number,
      sectionTitle: 'Kommunenes vurdering',
    });
    await send(kommune, 'PUT', `/threads/${thread.id}/status`, { status: 'resolved' });
    const after = (await (await sessionFetch(sykehus, '/api/me/mentions')).json()) as Array<{ thread: CommentThread }>;
    expect(after.find((m) => m.thread.id === thread.id)).toBeUndefined();
  });

  it('pushes new comments live to everyone with the case open', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/cases/${CASE}/events`, {
      headers: { cookie: sykehus.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const started = Date.now();
    const thread = await startThread(observer, 'Live til alle');
    let received = '';
    while (!received.includes(thread.id)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain('event: thread');
    expect(received).toContain('Live til alle');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
