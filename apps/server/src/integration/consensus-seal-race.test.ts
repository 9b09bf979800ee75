import { SECTION_FRAGMENT, consensusContent, hashConsensusContent } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCase } from '../test-support/builders.js';
import { approve, consensusOf, send } from '../test-support/consensus-api.js';
import { pollUntil } from '../test-support/poll.js';
import { appendTextUpdate, connectRawWriter, syncRoundTrip } from '../test-support/raw-client.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB, TEST_REDIS_URL } from '../test-support/test-database.js';
import { connectSectionClient, waitForSync } from '../test-support/yjs-client.js';

/** A case of this file's own in the decision round, and its wording's section. */
let CASE: string;
let WORDING: string;
const ROUNDS = 20;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks `condition` again until it holds: for state that reaches the other instance through Redis. */
function until(condition: () => Promise<boolean>, what: string): Promise<boolean> {
  return pollUntil(condition, (holds) => holds, what, { timeoutMs: 5_000, intervalMs: 25 });
}

/** The wording as one instance serves it to a new client: text and the hash approvals bind to. */
async function servedBy(session: TestSession): Promise<{ text: string; hash: string }> {
  const fresh = connectSectionClient(session, CASE, WORDING);
  try {
    await waitForSync(fresh);
    return {
      text: fresh.text(),
      hash: await hashConsensusContent(consensusContent(fresh.doc.getXmlFragment(SECTION_FRAGMENT))),
    };
  } finally {
    fresh.destroy();
  }
}

// Two instances need the shared database; the SQLite run has nothing to share.
describe.skipIf(TEST_DB !== 'postgres')('an edit on one instance racing the final approval on another', () => {
  const servers: ServerProcess[] = [];
  let onA: { kommune: TestSession; sykehus: TestSession; secretariat: TestSession };
  let writerOnB: TestSession;
  let readerOnB: TestSession;

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
    const built = await buildCase({ secretariat, kommune, helseforetak: sykehus }, { status: 'til_beslutning' });
    [CASE, WORDING] = [built.id, built.sections.wording!];
  });

  afterAll(async () => {
    for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.crash();
  });

  it(`never locks text that differs from what both sides approved, ${ROUNDS} times over`, async () => {
    const outcomes = { editWon: 0, lockWon: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const marker = ` instans-${i}.`;
      const { client: writer, local } = await connectRawWriter(writerOnB, CASE, WORDING);
      const seen = await hashConsensusContent(consensusContent(local.getXmlFragment(SECTION_FRAGMENT)));
      // Both instances serve the same wording before the round starts.
      await until(
        async () => (await consensusOf(onA.kommune, CASE)).currentHash === seen,
        'instance A has the wording B serves',
      );

      expect((await approve(onA.kommune, CASE, seen)).status).toBe(201);
      const edit = appendTextUpdate(local, marker);
      const finalApproval = approve(onA.sykehus, CASE, seen);
      // Pacing, not a check: spreads the edit over the approval's own latency, so both orders occur.
      await pause((i * 5) % 30);
      writer.sendUpdate(edit);
      const response = await finalApproval;
      // Barrier: the writer's next round trip is answered only after its edit was handled; a
      // refused edit closes the socket first.
      await Promise.race([writer.closed, syncRoundTrip(writer, new Y.Doc())]);

      const state = await consensusOf(onA.kommune, CASE);
      const wordingLock = state.locks.find((lock) => lock.sectionId === WORDING);
      const [servedA, servedB] = [await servedBy(onA.kommune), await servedBy(readerOnB)];
      if (response.status === 201) {
        outcomes.lockWon++;
        expect(wordingLock?.contentHash).toBe(seen);
        // Locked text is exactly the approved text, as stored and as either instance serves it.
        for (const served of [servedA, servedB]) {
          expect(served.text).not.toContain(marker);
          expect(served.hash).toBe(seen);
        }
        const request = (await (
          await send(onA.kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, { reason: `runde ${i}` })
        ).json()) as {
          openReopenRequest: { id: string };
        };
        expect(
          (
            await send(
              onA.sykehus,
              'POST',
              `/cases/${CASE}/consensus/reopen-requests/${request.openReopenRequest.id}/confirm`,
            )
          ).status,
        ).toBe(200);
      } else {
        outcomes.editWon++;
        expect(response.status).toBe(409);
        expect(wordingLock).toBeUndefined();
        expect(servedB.text).toContain(marker);
        // The approval given for the old wording does not stand for the new one.
        await until(
          async () => (await consensusOf(onA.kommune, CASE)).approvals.every((a) => a.voidedAt !== null),
          'approvals voided',
        );
      }
      writer.socket.terminate();
      local.destroy();
    }
    console.log(`race outcomes across two instances over ${ROUNDS} rounds:`, outcomes);
    expect(outcomes.editWon + outcomes.lockWon).toBe(ROUNDS);
  }, 180_000);
});
