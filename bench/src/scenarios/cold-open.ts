/**
 * A section typed with `count` single-keystroke updates through the protocol, stored however
 * the server stores it, then opened by the first client after a restart.
 */
import { BenchClient, Typist } from '../clients.js';
import { sleep } from '../metrics.js';
import type { BenchServer } from '../servers/server.js';
import { contentAfter, paragraphsText, type Patch } from '../workload/trace.js';

export interface ColdOpenResult {
  updates: number;
  /** Rate at which the server took the history in (one writer, one observer). */
  appendRate: number;
  /** Connect to sync step 2 applied, first client after a restart. */
  coldOpenMs: number;
  /** The same section opened again, the process warm. */
  warmOpenMs: number;
  contentMatches: boolean;
}

export async function coldOpen(
  server: BenchServer,
  patches: Patch[],
  count: number,
  log: (line: string) => void,
): Promise<ColdOpenResult> {
  const section = await server.createSection('Benk historikk');
  let relayed = 0;
  const observer = await BenchClient.connect(server.target(section, 1), { onRelayedUpdate: () => relayed++ });
  const writer = new Typist(await BenchClient.connect(server.target(section, 0)), patches);
  const start = performance.now();
  let sent = 0;
  let lastLog = start;
  for (let i = 0; i < count; i++) {
    if (writer.typeNext()) sent++;
    // Keep at most 500 keystrokes in flight, as a fast typist's client would not run further ahead.
    while (sent - relayed > 500) await sleep(1);
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`    history: ${i + 1}/${count}`);
    }
  }
  while (relayed < sent) await sleep(5);
  const appendRate = sent / ((performance.now() - start) / 1000);
  await writer.client.close();
  await observer.close();
  // Let the server store and unload the document before it is stopped.
  await sleep(3_000);
  await server.restart();

  const expected = contentAfter('', patches, count);
  const open = async () => {
    const began = performance.now();
    const client = await BenchClient.connect(server.target(section, 2), { keepDocument: true }, 300_000);
    const ms = performance.now() - began;
    const matches = paragraphsText(client.doc) === expected;
    await client.close();
    return { ms, matches };
  };
  const cold = await open();
  await sleep(2_000);
  const warm = await open();
  return {
    updates: count,
    appendRate,
    coldOpenMs: cold.ms,
    warmOpenMs: warm.ms,
    contentMatches: cold.matches && warm.matches,
  };
}
