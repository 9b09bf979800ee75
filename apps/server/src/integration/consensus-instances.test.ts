import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { approve, consensusOf, moveCase } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { TEST_DB, TEST_REDIS_URL } from '../test-support/test-database.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectSectionClient, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const servers: ServerProcess[] = [];
const clients: Array<SectionClient | RawClient> = [];

afterAll(async () => {
  for (const c of clients) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  for (const s of servers) if (s.child.exitCode === null) await s.stop();
});

async function rawWriter(session: TestSession, section: string): Promise<{ client: RawClient; local: Y.Doc }> {
  const writer = await connectRawWriter(session, CASE, section);
  clients.push(writer.client);
  return writer;
}

// Approvals and locks live in the shared database; a socket on one instance must obey a lock
// taken through the other.
describe.skipIf(TEST_DB !== 'postgres')('consensus across two instances', () => {
  it('voids an approval given on B when A accepts an edit, and refuses on A what B locked', async () => {
    const dataDir = makeTempDir();
    const [a, b] = await Promise.all([
      spawnServer(dataDir, { REDIS_URL: TEST_REDIS_URL }),
      spawnServer(dataDir, { REDIS_URL: TEST_REDIS_URL }),
    ]);
    servers.push(a, b);
    const [kommuneA, kommune2A, kommuneB, sykehusB, secretariatB] = await Promise.all([
      login(a.url, DEMO.kommune),
      login(a.url, 'kommune2@lvs.demo'),
      login(b.url, DEMO.kommune),
      login(b.url, DEMO.sykehus),
      login(b.url, DEMO.sekretariat),
    ]);
    expect((await moveCase(secretariatB, CASE, 'til_beslutning')).status).toBe(200);

    const first = await consensusOf(kommuneB, CASE);
    expect((await approve(kommuneB, CASE, first.currentHash!)).status).toBe(201);
    const editor = connectSectionClient(kommune2A, CASE, 'innstilling');
    clients.push(editor);
    await waitForSync(editor);
    editor.type(' Endret på instans A.');
    let afterEdit = await consensusOf(kommuneB, CASE);
    const started = Date.now();
    while (afterEdit.approvals.some((x) => x.voidedAt === null)) {
      if (Date.now() - started > 5000) throw new Error('approval on B never fell away after the edit on A');
      await new Promise((resolve) => setTimeout(resolve, 50));
      afterEdit = await consensusOf(kommuneB, CASE);
    }
    expect(afterEdit.lastVoid).toMatchObject({ reason: 'text-changed', changedByName: 'Jonas Eide' });
    editor.destroy();

    // Connected to A before the lock is taken through B.
    const early = await rawWriter(kommuneA, 'kommunenes-vurdering');
    const { currentHash } = await consensusOf(kommuneB, CASE);
    expect((await approve(kommuneB, CASE, currentHash!)).status).toBe(201);
    expect((await approve(sykehusB, CASE, currentHash!)).status).toBe(201);
    expect((await consensusOf(kommuneA, CASE)).status).toBe('konsensus');

    early.client.sendUpdate(appendTextUpdate(early.local, ' Etter låsen.'));
    expect((await early.client.closed).code).toBe(4409);
    const late = await rawWriter(kommuneA, 'innstilling');
    late.client.sendUpdate(appendTextUpdate(late.local, ' Etter låsen.'));
    expect((await late.client.closed).code).toBe(4409);
    expect((await consensusOf(kommuneA, CASE)).currentHash).toBe(currentHash);
  }, 60_000);
});
