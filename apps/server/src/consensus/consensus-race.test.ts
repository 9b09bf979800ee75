import { SECTION_FRAGMENT, consensusContent, hashConsensusContent, type ConsensusState } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { approve, consensusOf, send } from '../test-support/consensus-api.js';
import { buildCase } from '../test-support/builders.js';
import { appendTextUpdate, connectRawWriter, syncRoundTrip } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitForSync } from '../test-support/yjs-client.js';

/** A case of this file's own in the decision round, and its wording's section. */
let CASE: string;
let WORDING: string;
const ITERATIONS = 50;

let server: RunningServer;
let kommune: TestSession;
let kommune2: TestSession;
let sykehus: TestSession;
let secretariat: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  [kommune, kommune2, sykehus, secretariat] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, 'kommune2@lvs.demo'),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.sekretariat),
  ]);
  const built = await buildCase({ secretariat, kommune, helseforetak: sykehus }, { status: 'til_beslutning' });
  [CASE, WORDING] = [built.id, built.sections.wording!];
});

afterAll(async () => {
  await server.close();
});

/** The wording as the server holds it now: text and the hash approvals bind to. */
async function serverCopy(): Promise<{ text: string; hash: string }> {
  const fresh = connectSectionClient(kommune, CASE, WORDING);
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an edit racing the final approval', () => {
  it(`ends in exactly one of the two allowed states, ${ITERATIONS} times over`, async () => {
    const outcomes = { editWon: 0, lockWon: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const marker = ` kappløp-${i}.`;
      const { client: writer, local } = await connectRawWriter(kommune2, CASE, WORDING);
      const seen = await hashConsensusContent(consensusContent(local.getXmlFragment(SECTION_FRAGMENT)));
      expect(seen).toBe((await consensusOf(kommune, CASE)).currentHash);

      expect((await approve(kommune, CASE, seen)).status).toBe(201);
      const edit = appendTextUpdate(local, marker);
      // Vary who leaves first, so both orders reach the server over the run.
      const lead = i % 3;
      if (lead === 0) writer.sendUpdate(edit);
      const finalApproval = approve(sykehus, CASE, seen);
      if (lead === 1) writer.sendUpdate(edit);
      if (lead === 2) {
        // Pacing, not a check: spreads the edit over the approval's own latency (longer on
        // PostgreSQL than on SQLite), so both orders occur over the run.
        await pause((i * 7) % 40);
        writer.sendUpdate(edit);
      }
      const response = await finalApproval;

      // Barrier: the writer's next round trip is answered only after its edit was handled;
      // a refused edit closes the socket first.
      const refused = await Promise.race([
        writer.closed.then((c) => c.code === 4409),
        syncRoundTrip(writer, new Y.Doc()).then(() => false),
      ]);
      const state: ConsensusState = await consensusOf(kommune, CASE);
      const now = await serverCopy();
      const active = state.approvals.filter((a) => a.voidedAt === null);
      const wordingLock = state.locks.find((l) => l.sectionId === WORDING);

      if (response.status === 201) {
        // The lock won: the edit was refused, and what is locked is exactly what both approved.
        outcomes.lockWon++;
        expect(refused).toBe(true);
        expect(state.status).toBe('konsensus');
        expect(now.text).not.toContain(marker);
        expect(wordingLock?.contentHash).toBe(seen);
        expect(now.hash).toBe(seen);
        expect(active.map((a) => a.side).sort()).toEqual(['helseforetak', 'kommune']);
        expect(active.every((a) => a.contentHash === seen)).toBe(true);
        // Reopen, so the next round starts in the decision round again.
        const request = (await (
          await send(kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, { reason: `runde ${i}` })
        ).json()) as ConsensusState;
        expect(
          (
            await send(
              sykehus,
              'POST',
              `/cases/${CASE}/consensus/reopen-requests/${request.openReopenRequest!.id}/confirm`,
            )
          ).status,
        ).toBe(200);
      } else {
        // The edit won: it is applied, the first approval is void, nothing is locked.
        outcomes.editWon++;
        expect(response.status).toBe(409);
        expect(refused).toBe(false);
        expect(now.text).toContain(marker);
        expect(state.status).toBe('til_beslutning');
        expect(state.locks).toEqual([]);
        expect(active).toEqual([]);
        expect(state.approvals.at(-1)).toMatchObject({ side: 'kommune', voidReason: 'text-changed' });
      }
      // Never both, never neither: a lock never sits on text that differs from the approved hash.
      expect(Boolean(wordingLock) && now.text.includes(marker)).toBe(false);
      writer.socket.terminate();
      local.destroy();
    }
    console.log(`race outcomes over ${ITERATIONS} rounds:`, outcomes);
    expect(outcomes.editWon + outcomes.lockWon).toBe(ITERATIONS);
    // Edits sent first always win and edits sent 30+ ms late always lose, so a run without
    // both outcomes means the race was not exercised, not that it was survived.
    expect(outcomes.editWon).toBeGreaterThan(0);
    expect(outcomes.lockWon).toBeGreaterThan(0);
  }, 120_000);
});
