import { sectionNodesText } from '@samraad/schema';
import type { PublicCommunityPage, PublicationState } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionText } from '../sections/content.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter, syncRoundTrip } from '../test-support/raw-client.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB, TEST_REDIS_URL } from '../test-support/test-database.js';
import { connectSectionClient, waitForSync } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'bakgrunn';
const ROUNDS = 12;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function served(session: TestSession): Promise<string> {
  const fresh = connectSectionClient(session, CASE, SECTION);
  try {
    await waitForSync(fresh);
    return fresh.text();
  } finally {
    fresh.destroy();
  }
}

async function frozenText(baseUrl: string): Promise<string> {
  const page = (await (await fetch(`${baseUrl}/api/public/communities/lvs`)).json()) as PublicCommunityPage;
  const section = page.cases.find((c) => c.id === CASE)!.sections.find((s) => s.id === SECTION)!;
  return sectionNodesText(section.blocks);
}

// Instances share the freeze through the database; the SQLite run has one process only.
describe.skipIf(TEST_DB !== 'postgres')('publishing on one instance while a member types on another', () => {
  const servers: ServerProcess[] = [];
  let onA: { kommune: TestSession; sykehus: TestSession; secretariat: TestSession };
  let writerOnB: TestSession;
  let readerOnB: TestSession;

  /** Opens the published case for correction again: kommune asks, the hospital confirms. */
  async function openForCorrection(reason: string): Promise<void> {
    const asked = (await (
      await send(onA.kommune, 'POST', `/cases/${CASE}/publication/corrections`, { reason })
    ).json()) as PublicationState;
    const confirmed = await send(
      onA.sykehus,
      'POST',
      `/cases/${CASE}/publication/corrections/${asked.openCorrection!.id}/confirm`,
    );
    expect(confirmed.status).toBe(200);
  }

  beforeAll(async () => {
    const dataDir = makeTempDir();
    servers.push(
      ...(await Promise.all([
        spawnServer(dataDir, { REDIS_URL: TEST_REDIS_URL }),
        spawnServer(dataDir, { REDIS_URL: TEST_REDIS_URL }),
      ])),
    );
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const [kommune, sykehus, secretariat] = await Promise.all([
      login(a, DEMO.kommune),
      login(a, DEMO.sykehus),
      login(a, DEMO.sekretariat),
    ]);
    onA = { kommune, sykehus, secretariat };
    [writerOnB, readerOnB] = await Promise.all([login(b, 'kommune2@lvs.demo'), login(b, DEMO.observator)]);
    expect((await moveCase(secretariat, CASE, 'til_beslutning')).status).toBe(200);
    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    expect((await approve(sykehus, CASE, currentHash!)).status).toBe(201);
    expect((await moveCase(secretariat, CASE, 'publisert')).status).toBe(200);
    await openForCorrection('første rettelse');
  }, 120_000);

  afterAll(async () => {
    for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.crash();
  });

  it(`freezes exactly what is stored: an edit lands in the frozen version or is refused, ${ROUNDS} times over`, async () => {
    const outcomes = { editFrozenIn: 0, editRefused: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const marker = ` runde-${i}.`;
      const { client: writer, local } = await connectRawWriter(writerOnB, CASE, SECTION);
      const publishing = send(onA.secretariat, 'POST', `/cases/${CASE}/publication/republish`);
      // Spread the edit over the publication's own latency (about 0–300 ms here), so both orders occur.
      await pause((i % 6) * 60);
      writer.sendUpdate(appendTextUpdate(local, marker));
      // The writer's next round trip is answered only after its edit was handled: either the
      // edit was stored (answer) or refused (the socket closes first).
      const settled = await Promise.race([
        writer.closed.then((closed) => closed.code),
        syncRoundTrip(writer, new Y.Doc()).then(() => 'stored' as const),
      ]);
      expect((await publishing).status).toBe(200);

      const [frozen, onB] = [await frozenText(servers[0]!.url), await served(readerOnB)];
      // Whatever happened, the public page shows exactly what the other instance serves.
      expect(frozen).toBe(onB);
      if (settled === 'stored') {
        outcomes.editFrozenIn++;
        expect(frozen).toContain(marker.trim());
      } else {
        outcomes.editRefused++;
        expect(settled).toBe(4409);
        expect(frozen).not.toContain(marker.trim());
      }
      writer.socket.terminate();
      local.destroy();
      await openForCorrection(`runde ${i}`);
    }
    console.log(`publication race outcomes across two instances over ${ROUNDS} rounds:`, outcomes);
    expect(outcomes.editFrozenIn + outcomes.editRefused).toBe(ROUNDS);
  }, 180_000);

  it('refuses on B, from a socket opened before, a write to the case A published', async () => {
    const { client, local } = await connectRawWriter(writerOnB, CASE, SECTION);
    const watcher = await connectRawWriter(readerOnB, CASE, SECTION);
    const before = sectionText(watcher.local);
    expect((await send(onA.secretariat, 'POST', `/cases/${CASE}/publication/republish`)).status).toBe(200);
    client.sendUpdate(appendTextUpdate(local, ' skrevet på B etter publisering.'));
    const closed = await client.closed;
    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/publisert/);
    await syncRoundTrip(watcher.client, watcher.local);
    expect(sectionText(watcher.local)).toBe(before);
    watcher.client.socket.terminate();
  });
});
