/**
 * People in one case across several sections, every one moving the caret a few times a
 * second while a few type. Text and presence fan-out are timed separately. A presence state
 * counts as delivered when the receiver gets that clock or a later one: a server may send only
 * the newest caret of a burst (Samråd gathers presence for 100 ms), which is what a reader sees.
 */
import { BenchClient, Typist } from '../clients.js';
import { collectGarbage, cpuSeconds, FanoutRecorder, percentile, sleep } from '../metrics.js';
import type { BenchServer, SectionRef } from '../servers/server.js';
import type { Patch } from '../workload/trace.js';
import { closeAll, connectMany } from './connect.js';

export interface AwarenessResult {
  text: { p50: number; p99: number; samples: number; missing: number };
  presence: { p50: number; p99: number; samples: number; sent: number };
  serverCpuPercent: number;
  /** Clients the server closed during the run, by close code: a cut client misses deliveries. */
  closed: Record<string, number>;
}

export async function awarenessTraffic(
  server: BenchServer,
  patches: Patch[],
  options: {
    people: number;
    sections: number;
    typists: number;
    caretHz: number;
    typingRate: number;
    measureMs: number;
  },
): Promise<AwarenessResult> {
  const sections: SectionRef[] = [];
  for (let i = 0; i < options.sections; i++) sections.push(await server.createSection('Benk tilstedevaerelse'));
  const text = new FanoutRecorder();
  /** Per sender: clocks sent with when; per receiver and sender: the newest clock seen. */
  const sends = new Map<number, Array<{ clock: number; sentAt: number }>>();
  const seen = new Map<string, number>();
  const presenceSamples: number[] = [];
  let measuring = false;
  const sectionOf = (i: number) => i % options.sections;
  const clients: BenchClient[] = await connectMany(
    server,
    Array.from({ length: options.people }, (_, index) => ({ section: sections[sectionOf(index)]!, index })),
    (receiver) => ({
      onRelayedUpdate: (key, at) => text.recordReceive(key, at),
      onAwareness: (entries, at) => {
        if (!measuring) return;
        for (const { clientId, clock } of entries) {
          const list = sends.get(clientId);
          if (!list) continue;
          const key = `${receiver}:${clientId}`;
          const last = seen.get(key) ?? 0;
          if (clock <= last) continue;
          seen.set(key, clock);
          for (const send of list) if (send.clock > last && send.clock <= clock) presenceSamples.push(at - send.sentAt);
        }
      },
    }),
  );
  /** People per section: the first sections get one more when the people do not divide evenly. */
  const inSection = (section: number) =>
    Math.floor(options.people / options.sections) + (section < options.people % options.sections ? 1 : 0);
  const typists = clients.slice(0, options.typists).map((client) => new Typist(client, patches));
  const clocks = clients.map(() => 0);
  const moveCaret = (i: number) => {
    const client = clients[i]!;
    const clock = ++clocks[i]!;
    if (measuring) {
      const list = sends.get(client.doc.clientID) ?? [];
      list.push({ clock, sentAt: performance.now() });
      sends.set(client.doc.clientID, list);
    }
    client.sendAwareness(clock, {
      user: { name: `Person ${i}`, color: '#336699' },
      cursor: { anchor: clock, head: clock },
    });
  };
  try {
    // Everyone announces themselves first, then a second of warm-up.
    for (let i = 0; i < clients.length; i++) moveCaret(i);
    await sleep(1_000);
    collectGarbage();
    measuring = true;
    const cpuBefore = cpuSeconds(server.pid);
    const start = performance.now();
    let typed = 0;
    let moved = 0;
    let turn = 0;
    for (;;) {
      const elapsed = performance.now() - start;
      if (elapsed >= options.measureMs) break;
      const dueTyping = Math.floor((elapsed / 1000) * options.typingRate * options.typists);
      while (typed < dueTyping) {
        const index = typed++ % typists.length;
        const typist = typists[index]!;
        const sentAt = performance.now();
        const key = typist.typeNext();
        if (key) text.recordSend(key, sentAt, inSection(sectionOf(index)) - 1);
      }
      const dueMoves = Math.floor((elapsed / 1000) * options.caretHz * clients.length);
      while (moved < dueMoves) {
        moveCaret(turn++ % clients.length);
        moved++;
      }
      await sleep(1);
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    await sleep(1_500);
    measuring = false;
    presenceSamples.sort((a, b) => a - b);
    const summary = text.summary();
    return {
      text: { p50: summary.p50, p99: summary.p99, samples: summary.samples, missing: summary.missing },
      presence: {
        p50: percentile(presenceSamples, 50),
        p99: percentile(presenceSamples, 99),
        samples: presenceSamples.length,
        sent: moved,
      },
      serverCpuPercent: (cpu / seconds) * 100,
      closed: closeCodes(clients),
    };
  } finally {
    await closeAll(clients);
  }
}

function closeCodes(clients: BenchClient[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const client of clients) {
    if (!client.closedWith) continue;
    const code = `${client.closedWith.code} ${client.closedWith.reason}`.trim();
    codes[code] = (codes[code] ?? 0) + 1;
  }
  return codes;
}
