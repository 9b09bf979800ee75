import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import {
  appendTextUpdate,
  closedWithin,
  connectRawClient,
  connectRawWriter,
  type RawClient,
} from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';

let server: RunningServer;
const sockets: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  for (const client of sockets.splice(0)) client.socket.terminate();
});

afterAll(async () => {
  await server.close();
});

async function writer(session: TestSession) {
  const connected = await connectRawWriter(session, CASE, SECTION);
  sockets.push(connected.client);
  return connected;
}

/**
 * Barrier: a second writer's sentence reaches a fresh reader of the server's copy; anything
 * sent before it that the server stored would be there too.
 */
async function serverTextAfter(barrierWriter: TestSession, sentence: string): Promise<string> {
  const { client, local } = await writer(barrierWriter);
  client.sendUpdate(appendTextUpdate(local, sentence));
  const reader = connectSectionClient(barrierWriter, CASE, SECTION);
  try {
    await waitForSync(reader);
    await waitFor(() => reader.text().includes(sentence), `the barrier «${sentence}» at the server`);
    return reader.text();
  } finally {
    reader.destroy();
  }
}

/** Whether the server admitted a socket (sent it the section) or closed it, and with what. */
async function outcome(client: RawClient): Promise<'admitted' | { code: number; reason: string }> {
  if (!(await client.opened)) return client.closed;
  client.sendSyncStep1();
  return Promise.race([
    client.closed,
    waitFor(() => client.documentPayloads().length > 0, 'the section').then(() => 'admitted' as const),
  ]);
}

describe('a socket outlives nothing its session does', () => {
  it('closes the sockets of a session with 4401 at logout; what the old socket sends after is never stored', async () => {
    const session = await login(server.url, DEMO.kommune);
    const { client, local } = await writer(session);
    expect((await sessionFetch(session, '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    client.sendUpdate(appendTextUpdate(local, ' ETTER-UTLOGGING'));

    const text = await serverTextAfter(await login(server.url, 'kommune2@lvs.demo'), ' BARRIERE-UT');
    expect(text).not.toContain('ETTER-UTLOGGING');
    expect(await client.closed).toEqual({ code: 4401, reason: expect.stringMatching(/logget ut|avsluttet/) as string });
  });

  it('closes the sockets of every other session of a person whose password changes, and keeps the one that changed it', async () => {
    const email = 'kommune2@lvs.demo';
    const [elsewhere, here] = [await login(server.url, email), await login(server.url, email)];
    const old = await writer(elsewhere);
    const current = await writer(here);
    const changed = await sessionFetch(here, '/api/auth/password', {
      method: 'POST',
      body: JSON.stringify({ currentPassword: 'samraad-demo', newPassword: 'et-nytt-langt-passord' }),
    });
    expect(changed.status).toBe(204);
    expect((await old.client.closed).code).toBe(4401);
    expect((await sessionFetch(elsewhere, '/api/auth/session')).status).toBe(401);

    // The session that changed it goes on, socket and all: its next sentence is stored.
    current.client.sendUpdate(appendTextUpdate(current.local, ' ETTER-BYTTE'));
    expect(await serverTextAfter(here, ' BARRIERE-PASSORD')).toContain('ETTER-BYTTE');
    expect(current.client.socket.readyState).toBe(current.client.socket.OPEN);
    await login(server.url, email, 'et-nytt-langt-passord');
  });

  it('refuses a password change with the wrong current password, throttled like a login', async () => {
    const session = await login(server.url, DEMO.observator);
    const change = (currentPassword: string) =>
      sessionFetch(session, '/api/auth/password', {
        method: 'POST',
        body: JSON.stringify({ currentPassword, newPassword: 'et-nytt-langt-passord' }),
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await change(`gjett-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await change('samraad-demo')).status).toBe(429);
  });
});

describe('how many sockets one person may hold', () => {
  it('admits 50 sockets from one session by default and closes the rest with 4429', async () => {
    const session = await login(server.url, DEMO.sykehus);
    const clients = Array.from({ length: 60 }, () => connectRawClient(server.url, CASE, SECTION, { session }));
    sockets.push(...clients);
    const outcomes = await Promise.all(clients.map(outcome));
    expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(50);
    const refused = outcomes.filter((o) => o !== 'admitted');
    expect(refused).toHaveLength(10);
    for (const close of refused)
      expect(close).toEqual({ code: 4429, reason: expect.stringMatching(/for mange/) as string });
  });
});

describe('sessions that run out', () => {
  let shortLived: RunningServer;

  beforeAll(async () => {
    shortLived = await startTestServer(undefined, {
      sessionTtlMs: 2_000,
      maxSocketsPerSession: 2,
      maxSocketsPerUser: 3,
    });
  });

  afterAll(async () => {
    await shortLived.close();
  });

  it('closes a socket with 4401 when its session expires', async () => {
    const session = await login(shortLived.url, DEMO.kommune);
    const client = connectRawClient(shortLived.url, CASE, SECTION, { session });
    sockets.push(client);
    expect(await outcome(client)).toBe('admitted');
    const closed = await closedWithin(client, 'the session ran out');
    expect(closed).toEqual({ code: 4401, reason: expect.stringMatching(/utløpt/) as string });
  });

  it('caps sockets per session and per person as configured, and a closed one frees its place', async () => {
    const [first, second] = [await login(shortLived.url, DEMO.sykehus), await login(shortLived.url, DEMO.sykehus)];
    const open = (session: TestSession) => {
      const client = connectRawClient(shortLived.url, CASE, SECTION, { session });
      sockets.push(client);
      return client;
    };
    const firstTwo = [open(first), open(first)];
    expect(await Promise.all(firstTwo.map(outcome))).toEqual(['admitted', 'admitted']);
    expect(await outcome(open(first))).toEqual({ code: 4429, reason: expect.stringMatching(/for mange/) as string });
    expect(await outcome(open(second))).toBe('admitted');
    // Three for the person in all: the second session may not open its second.
    expect(await outcome(open(second))).toEqual({ code: 4429, reason: expect.stringMatching(/for mange/) as string });
    firstTwo[0]!.socket.close();
    await firstTwo[0]!.closed;
    // The server sees the close a moment after the client does: try again, paced, until then.
    let next = await outcome(open(second));
    for (let tries = 0; next !== 'admitted' && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      next = await outcome(open(second));
    }
    expect(next).toBe('admitted');
  });
});
