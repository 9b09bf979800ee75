import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { TEST_DB, TEST_REDIS_URL } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectSectionClient, waitFor, waitForSync } from '../test-support/yjs-client.js';
import { SESSION_RECHECK_MS } from '../ws/section-socket.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';

const servers: RunningServer[] = [];
const sockets: RawClient[] = [];

afterEach(async () => {
  for (const client of sockets.splice(0)) client.socket.terminate();
  for (const server of servers.splice(0).reverse()) await server.close();
});

/** Two instances on one database; with Redis they share live traffic and revocations. */
async function twoInstances(redisUrl?: string): Promise<[RunningServer, RunningServer]> {
  const dataDir = makeTempDir();
  const a = await startTestServer(dataDir, { redisUrl });
  servers.push(a);
  const b = await startTestServer(dataDir, { redisUrl });
  servers.push(b);
  return [a, b];
}

/** The same login, used through instance `other` (the cookie is valid on both). */
function on(other: RunningServer, session: TestSession): TestSession {
  return { ...session, baseUrl: other.url };
}

async function writer(session: TestSession) {
  const connected = await connectRawWriter(session, CASE, SECTION);
  sockets.push(connected.client);
  return connected;
}

// Several instances need the shared database; the SQLite run has nothing to share.
describe.skipIf(TEST_DB !== 'postgres')('ending a session on another instance', () => {
  it('closes the socket on instance A within a second of logging out on instance B (Redis)', async () => {
    const [a, b] = await twoInstances(TEST_REDIS_URL);
    const session = await login(a.url, DEMO.kommune);
    const { client } = await writer(session);
    const loggedOutAt = Date.now();
    expect((await sessionFetch(on(b, session), '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await client.closed).code).toBe(4401);
    expect(Date.now() - loggedOutAt).toBeLessThan(1_000);
  });

  it("closes a person's socket on A within a second of their role changing on B (Redis)", async () => {
    const [a, b] = await twoInstances(TEST_REDIS_URL);
    const person = await login(a.url, 'kommune2@lvs.demo');
    const { client } = await writer(person);
    const secretariat = await login(b.url, DEMO.sekretariat);
    const invited = await sessionFetch(secretariat, '/api/invitations', {
      method: 'POST',
      body: JSON.stringify({
        email: 'kommune2@lvs.demo',
        name: 'Jonas Eide',
        communityId: 'lvs',
        organisationId: null,
        side: null,
        role: 'observer',
      }),
    });
    const token = ((await invited.json()) as { link: string }).link.split('/').pop()!;
    const changedAt = Date.now();
    expect((await sessionFetch(on(b, person), `/api/invitations/${token}/confirm`, { method: 'POST' })).status).toBe(
      200,
    );
    expect((await client.closed).code).toBe(4403);
    expect(Date.now() - changedAt).toBeLessThan(1_000);
  });

  it('refuses the next write on A once its session is gone, even when no notice reaches A (no Redis)', async () => {
    const [a, b] = await twoInstances();
    const session = await login(a.url, DEMO.kommune);
    const { client, local } = await writer(session);
    expect((await sessionFetch(on(b, session), '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    // Pacing, not a check: the socket may trust its last session check this long.
    await new Promise((resolve) => setTimeout(resolve, SESSION_RECHECK_MS));
    client.sendUpdate(appendTextUpdate(local, ' ETTER-UTLOGGING-B'));
    expect((await client.closed).code).toBe(4401);

    // Barrier: another writer's sentence is stored on A; the refused one is not there.
    const other = await login(a.url, 'kommune2@lvs.demo');
    const barrier = await writer(other);
    barrier.client.sendUpdate(appendTextUpdate(barrier.local, ' BARRIERE-A'));
    const reader = connectSectionClient(other, CASE, SECTION);
    try {
      await waitForSync(reader);
      await waitFor(() => reader.text().includes('BARRIERE-A'), 'the barrier on A');
      expect(reader.text()).not.toContain('ETTER-UTLOGGING-B');
    } finally {
      reader.destroy();
    }
  });
});
