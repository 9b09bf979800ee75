/**
 * Members typing in a section while observers keep sending writes the server must refuse.
 * Each refused write costs Samråd a permission check and a closed socket, and the observer's
 * reconnect a session lookup and a sync; none of it may slow the members down. The members'
 * fan-out is measured twice on the same room: without the observers, then with them.
 */
import { BenchClient } from '../clients.js';
import { sleep } from '../metrics.js';
import type { BenchServer } from '../servers/server.js';
import { appendParagraph, type Patch } from '../workload/trace.js';
import { openRoom, typeAt, type PhaseResult } from './fanout.js';
import * as Y from 'yjs';

export interface RefusalsResult {
  without: PhaseResult;
  with: PhaseResult;
  /** Writes the observers sent and saw refused (socket closed) during the measured phase. */
  refused: number;
  /** Refused writes that were relayed to a member: must be 0. */
  leaked: number;
}

/** A server whose observers may read a section but not write it. */
export interface ServerWithObservers extends BenchServer {
  observerTarget(section: Parameters<BenchServer['target']>[0], index: number): ReturnType<BenchServer['target']>;
}

export async function refusals(
  server: ServerWithObservers,
  patches: Patch[],
  options: {
    members: number;
    observers: number;
    rate: number;
    refusalsPerObserverPerSecond: number;
    measureMs: number;
  },
): Promise<RefusalsResult> {
  /** The keys of the observers' forged updates: a member receiving one means a refusal leaked. */
  const forgedKeys = new Set<string>();
  let leaked = 0;
  const room = await openRoom(server, options.members, patches, (key) => {
    if (forgedKeys.has(key)) leaked++;
  });
  try {
    await typeAt(server, room, options.rate, 1_000, 1_000); // warm-up
    const without = await typeAt(server, room, options.rate, options.measureMs);
    let running = true;
    let refused = 0;
    const intervalMs = 1_000 / options.refusalsPerObserverPerSecond;
    const observer = async (index: number) => {
      let round = 0;
      while (running) {
        const started = performance.now();
        const client = await BenchClient.connect(server.observerTarget(room.section, index));
        const forged = `forfalsket-${index}-${round++}`;
        const before = Y.encodeStateVector(client.doc);
        client.doc.transact(() => appendParagraph(client.doc).insert(0, forged));
        const key = client.sendUpdate(Y.encodeStateAsUpdate(client.doc, before));
        if (key) forgedKeys.add(key);
        await client.closed();
        if (client.closedWith && client.closedWith.code !== 1000 && client.closedWith.code !== 1005) refused++;
        const rest = intervalMs - (performance.now() - started);
        if (rest > 0) await sleep(rest);
      }
    };
    const observers = Array.from({ length: options.observers }, (_, i) => observer(i));
    await sleep(1_000); // the observers' first round of connects is not part of the measurement
    const refusedBefore = refused;
    const withObservers = await typeAt(server, room, options.rate, options.measureMs);
    const refusedDuring = refused - refusedBefore;
    running = false;
    await Promise.all(observers);
    return { without, with: withObservers, refused: refusedDuring, leaked };
  } finally {
    await room.close();
  }
}
