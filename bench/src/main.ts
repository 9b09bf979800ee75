/**
 * `pnpm bench`: Samråd, @hocuspocus/server and @y/websocket-server on the same workload on this
 * machine, one after the other, each in its own process on loopback.
 *
 *   pnpm bench                       full run (see RESULTS.md for its duration)
 *   pnpm bench -- --quick            smaller counts and shorter phases, for a smoke run
 *   pnpm bench -- --servers=samraad,hocuspocus   a subset of servers
 *   pnpm bench -- --rate-per-editor=0.5          keystrokes per second per simulated editor
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { coldOpen, type ColdOpenResult } from './scenarios/cold-open.js';
import { closeAll, connectMany } from './scenarios/connect.js';
import { openRoom, typeAt, type PhaseResult } from './scenarios/fanout.js';
import { measureMemory, type MemoryResult } from './scenarios/memory.js';
import { ramp, type RampResult } from './scenarios/ramp.js';
import { awarenessTraffic, type AwarenessResult } from './scenarios/awareness.js';
import { slowConsumer, type SlowConsumerResult } from './scenarios/slow-consumer.js';
import { refusals, type RefusalsResult, type ServerWithObservers } from './scenarios/refusals.js';
import { machineDescription, renderTable, writeResults, type Row } from './report.js';
import { HocuspocusServer, YWebsocketServer } from './servers/peers.js';
import { SamraadServer } from './servers/samraad.js';
import type { BenchServer, SectionRef, ServerKind } from './servers/server.js';
import type { BenchClient } from './clients.js';
import {
  flattenPatches,
  loadAutomergePaper,
  loadClownschool,
  typedUpdates,
  verifyConcurrent,
  verifySequential,
} from './workload/trace.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];

const quick = flag('quick');
const config = {
  editors: quick ? [20, 100] : [20, 100, 200],
  ratePerEditor: Number(option('rate-per-editor') ?? 0.5),
  warmupMs: quick ? 1_000 : 3_000,
  measureMs: quick ? 6_000 : 20_000,
  idleOpenCases: quick ? 20 : 100,
  ramp: {
    editors: 20,
    rates: quick ? [100, 400, 1600, 3200] : [50, 100, 200, 400, 800, 1600, 3200, 6400],
    stepMs: quick ? 2_000 : 5_000,
    limitMs: 100,
  },
  storedCases: quick ? [300, 1_000] : [1_000, 10_000],
  openCases: quick ? 200 : 500,
  /** Keystrokes in each stored case's section document. */
  storedCaseKeystrokes: 2_000,
  historyUpdates: quick ? 10_000 : 100_000,
  awareness: { people: 40, sections: 5, typists: 5, caretHz: 3, typingRate: 2, measureMs: quick ? 6_000 : 15_000 },
  slowConsumer: { writers: 4, pastes: quick ? 2_000 : 6_000, pasteBytes: 8 * 1024 },
  /** Browsers renew an unchanged presence every 15 s (y-protocols' awareness); a few type. */
  crowd: {
    people: quick ? 600 : 2_000,
    sections: 12,
    typists: 12,
    caretHz: 1 / 15,
    typingRate: 2,
    measureMs: quick ? 6_000 : 20_000,
  },
  refusals: {
    members: 20,
    observers: 20,
    rate: 20,
    refusalsPerObserverPerSecond: 2,
    measureMs: quick ? 6_000 : 15_000,
  },
};
/** `--phases=fanout,ramp` runs only those (for profiling); every phase by default. */
const phases = new Set(
  option('phases')?.split(',') ?? [
    'fanout',
    'ramp',
    'awareness',
    'crowd',
    'refusals',
    'slow-consumer',
    'memory',
    'cold-open',
  ],
);
const kinds = (option('servers')?.split(',') ?? ['samraad', 'hocuspocus', 'y-websocket-server']) as ServerKind[];
const benchDir = path.resolve(import.meta.dirname, '..');
const resultsFile = option('out') ?? path.join(benchDir, quick ? 'RESULTS.quick.md' : 'RESULTS.md');

const began = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function startServer(kind: ServerKind, dataDir: string): Promise<BenchServer> {
  fs.mkdirSync(dataDir, { recursive: true });
  if (kind === 'samraad') return new SamraadServer(dataDir).start();
  if (kind === 'hocuspocus') return new HocuspocusServer(dataDir).start();
  return new YWebsocketServer(dataDir).start();
}

interface ServerResults {
  name: string;
  storage: string;
  fanout: Map<number, PhaseResult>;
  ramp: RampResult | null;
  memory: MemoryResult[];
  coldOpen: ColdOpenResult | null;
  awareness: AwarenessResult | null;
  crowd: AwarenessResult | null;
  refusals: RefusalsResult | null;
  slowConsumer: SlowConsumerResult | null;
}

/** 1-minute load averages seen at each phase: other work on the machine shows here. */
const loads: number[] = [];
const noteLoad = () => {
  const load = os.loadavg()[0]!;
  loads.push(load);
  return `load ${load.toFixed(1)}`;
};

/**
 * All servers run side by side (idle ones cost nothing) and every phase measures them one
 * after the other, so that whatever else the machine is doing at a given minute falls on all
 * three rather than on one.
 */
async function benchAll(patches: ReturnType<typeof flattenPatches>, caseState: Uint8Array): Promise<ServerResults[]> {
  const entries: Array<{ server: BenchServer; dataDir: string; results: ServerResults; stored: SectionRef[] }> = [];
  for (const kind of kinds) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `samraad-bench-${kind}-`));
    const server = await startServer(kind, dataDir);
    log(`${server.name}: pid ${server.pid}, data in ${dataDir}`);
    const results: ServerResults = {
      name: server.name,
      storage: server.storage,
      fanout: new Map(),
      ramp: null,
      memory: [],
      coldOpen: null,
      awareness: null,
      crowd: null,
      refusals: null,
      slowConsumer: null,
    };
    entries.push({ server, dataDir, results, stored: [] });
  }
  try {
    for (const entry of entries) {
      entry.stored = await entry.server.storeCases(config.storedCases[0]!, caseState);
      log(`${entry.server.name}: stored ${entry.stored.length} cases`);
    }
    // Idle open cases stay open through the typing phases, as other meetings would.
    const idle: BenchClient[] = [];
    for (const { server, stored } of entries) {
      idle.push(
        ...(await connectMany(
          server,
          stored.slice(0, config.idleOpenCases).map((section, index) => ({ section, index })),
        )),
      );
    }
    for (const editors of phases.has('fanout') ? config.editors : []) {
      for (const { server, results } of entries) {
        const room = await openRoom(server, editors, patches);
        const rate = editors * config.ratePerEditor;
        await typeAt(server, room, rate, config.warmupMs, 1_000);
        const phase = await typeAt(server, room, rate, config.measureMs);
        await room.close();
        results.fanout.set(editors, phase);
        log(
          `${server.name}: N=${editors} at ${rate}/s: p50 ${phase.p50.toFixed(1)} ms, p99 ${phase.p99.toFixed(1)} ms, ` +
            `max ${phase.max.toFixed(0)} ms, ${phase.samples} deliveries, missing ${phase.missing}, server cpu ${phase.serverCpuPercent.toFixed(0)}%, generator cpu ${phase.clientCpuPercent.toFixed(0)}% (max stall ${phase.clientLoopDelayMaxMs.toFixed(0)} ms), ${noteLoad()}`,
        );
      }
    }
    for (const { server, results } of phases.has('ramp') ? entries : []) {
      log(`${server.name}: ramp with ${config.ramp.editors} editors`);
      results.ramp = await ramp(server, patches, config.ramp, log);
      log(`${server.name}: sustained ${results.ramp.sustained}/s with p99 <= ${config.ramp.limitMs} ms, ${noteLoad()}`);
    }
    for (const { server, results } of phases.has('awareness') ? entries : []) {
      const a = (results.awareness = await awarenessTraffic(server, patches, config.awareness));
      log(
        `${server.name}: awareness: text p99 ${a.text.p99.toFixed(1)} ms (missing ${a.text.missing}), presence p50 ${a.presence.p50.toFixed(1)} ms p99 ${a.presence.p99.toFixed(1)} ms (${a.presence.samples} deliveries of ${a.presence.sent} caret moves), server cpu ${a.serverCpuPercent.toFixed(0)}%, ${noteLoad()}`,
      );
    }
    for (const { server, results } of phases.has('crowd') ? entries : []) {
      const c = (results.crowd = await awarenessTraffic(server, patches, config.crowd));
      log(
        `${server.name}: crowd of ${config.crowd.people}: text p50 ${c.text.p50.toFixed(1)} ms p99 ${c.text.p99.toFixed(1)} ms (missing ${c.text.missing}), presence p99 ${c.presence.p99.toFixed(1)} ms, server cpu ${c.serverCpuPercent.toFixed(0)}%, closed by the server: ${JSON.stringify(c.closed)}, ${noteLoad()}`,
      );
    }
    // Only Samråd refuses writes (the peers let every client write), so this row is its own.
    for (const { server, results } of phases.has('refusals') ? entries : []) {
      if (!('observerTarget' in server)) continue;
      const r = (results.refusals = await refusals(server as ServerWithObservers, patches, config.refusals));
      log(
        `${server.name}: refusals: members p99 ${r.without.p99.toFixed(1)} ms without observers, ${r.with.p99.toFixed(1)} ms with ${r.refused} refused writes (${(r.with.p99 / r.without.p99).toFixed(2)}×), leaked ${r.leaked}, missing ${r.with.missing}, ${noteLoad()}`,
      );
    }
    for (const { server, results } of phases.has('slow-consumer') ? entries : []) {
      const r = (results.slowConsumer = await slowConsumer(server, config.slowConsumer));
      log(
        `${server.name}: slow consumer: ${r.relayedMiB.toFixed(0)} MiB pasted, RSS ${r.rssBeforeMiB.toFixed(0)} -> peak ${r.rssPeakMiB.toFixed(0)} MiB, slow client ${r.dropped ? 'dropped' : 'kept'}, ${noteLoad()}`,
      );
    }
    await closeAll(idle);

    for (const total of phases.has('memory') ? config.storedCases : []) {
      for (const entry of entries) {
        const { server, results } = entry;
        if (entry.stored.length < total)
          entry.stored.push(...(await server.storeCases(total - entry.stored.length, caseState)));
        const memory = await measureMemory(server, entry.stored, config.openCases);
        results.memory.push(memory);
        log(
          `${server.name}: ${memory.stored} stored: RSS ${memory.idleMiB.toFixed(0)} MiB idle, ${memory.openMiB.toFixed(0)} MiB with ${memory.open} open`,
        );
      }
    }

    for (const { server, results } of phases.has('cold-open') ? entries : []) {
      results.coldOpen = await coldOpen(server, patches, config.historyUpdates, log);
      const c = results.coldOpen;
      log(
        `${server.name}: ${c.updates} updates taken in at ${c.appendRate.toFixed(0)}/s; cold open ${c.coldOpenMs.toFixed(0)} ms, ` +
          `warm open ${c.warmOpenMs.toFixed(0)} ms, content ${c.contentMatches ? 'matches' : 'DIFFERS'}, ${noteLoad()}`,
      );
    }
  } finally {
    for (const { server } of entries) await server.stop();
  }
  if (!process.env.BENCH_KEEP_DATA)
    for (const { dataDir } of entries) fs.rmSync(dataDir, { recursive: true, force: true });
  return entries.map((entry) => entry.results);
}

function rowsFrom(all: ServerResults[]): Row[] {
  const by = (pick: (r: ServerResults) => number | null | undefined) =>
    Object.fromEntries(all.map((r) => [r.name, pick(r) ?? null])) as Record<string, number | null>;
  const rows: Row[] = [];
  for (const editors of config.editors) {
    rows.push({
      label: `Fan-out p50, N=${editors}`,
      unit: 'ms',
      better: 'lower',
      values: by((r) => r.fanout.get(editors)?.p50),
    });
    rows.push({
      label: `Fan-out p99, N=${editors}`,
      unit: 'ms',
      better: 'lower',
      values: by((r) => r.fanout.get(editors)?.p99),
    });
  }
  rows.push({
    label: `Sustained updates/s with p99 ≤ ${config.ramp.limitMs} ms (N=${config.ramp.editors})`,
    unit: '/s',
    better: 'higher',
    values: by((r) => r.ramp?.sustained),
  });
  const a = config.awareness;
  rows.push({
    label: `Awareness: text fan-out p99 (${a.people} people, ${a.sections} sections, ${a.typists} typing, carets ${a.caretHz}/s)`,
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.awareness?.text.p99),
  });
  rows.push({
    label: 'Awareness: presence fan-out p99 (same run)',
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.awareness?.presence.p99),
  });
  const c = config.crowd;
  rows.push({
    label: `Crowd: text fan-out p99 (${c.people} editors in ${c.sections} sections, presence renewed every 15 s, ${c.typists} typing)`,
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.crowd?.text.p99),
  });
  const f = config.refusals;
  rows.push({
    label: `Refusals: members' fan-out p99 without observers (${f.members} members, ${f.rate}/s)`,
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.refusals?.without.p99),
  });
  rows.push({
    label: `Refusals: same, while ${f.observers} observers send ${f.observers * f.refusalsPerObserverPerSecond} refused writes/s`,
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.refusals?.with.p99),
  });
  rows.push({
    label: `Slow consumer: server RSS growth while ${((config.slowConsumer.pastes * config.slowConsumer.pasteBytes) / 1048576).toFixed(0)} MiB is pasted past a stalled reader`,
    unit: 'MiB',
    better: 'lower',
    values: by((r) => (r.slowConsumer ? r.slowConsumer.rssPeakMiB - r.slowConsumer.rssBeforeMiB : null)),
  });
  for (const [i, total] of config.storedCases.entries()) {
    rows.push({
      label: `RSS, ${total} cases stored, none open`,
      unit: 'MiB',
      better: 'lower',
      values: by((r) => r.memory[i]?.idleMiB),
    });
    rows.push({
      label: `RSS, ${total} cases stored, ${config.openCases} open`,
      unit: 'MiB',
      better: 'lower',
      values: by((r) => r.memory[i]?.openMiB),
    });
  }
  rows.push({
    label: `Cold open, ${config.historyUpdates} single-keystroke updates`,
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.coldOpen?.coldOpenMs),
  });
  rows.push({
    label: 'Warm reopen of the same section',
    unit: 'ms',
    better: 'lower',
    values: by((r) => r.coldOpen?.warmOpenMs),
  });
  rows.push({
    label: 'History intake, one writer (informative)',
    unit: '/s',
    better: 'higher',
    values: by((r) => r.coldOpen?.appendRate),
  });
  return rows;
}

async function main() {
  log(`workload: verifying the editing traces`);
  let paper: ReturnType<typeof loadAutomergePaper> | null = loadAutomergePaper();
  // `--no-verify` skips the replays (a minute of CPU) for profiling runs; the report says so.
  const verify = !flag('no-verify');
  const sequential = verify ? verifySequential(paper) : { patches: flattenPatches(paper).length, ok: true };
  const concurrent = verify ? verifyConcurrent(loadClownschool()) : { txns: 0, ok: true };
  log(
    `automerge-paper: ${sequential.patches} patches replayed, endContent ${sequential.ok ? 'reached' : 'NOT reached'}`,
  );
  log(
    `clownschool: ${concurrent.txns} concurrent transactions replayed per agent, endContent ${concurrent.ok ? 'reached' : 'NOT reached'}`,
  );
  if (!sequential.ok || !concurrent.ok) throw new Error('a trace replay did not reach its endContent');
  // Only the keystrokes the run types are kept, so the generator's heap stays small.
  const patches = flattenPatches(paper).slice(0, Math.max(config.historyUpdates, 20_000));
  paper = null;
  const totalPatches = sequential.patches;
  // Every stored case holds the same section: the paper after its first 2,000 keystrokes.
  const typed = typedUpdates(patches, config.storedCaseKeystrokes);
  const caseState = Y.mergeUpdates(typed.updates);

  const all = await benchAll(patches, caseState);

  const names = all.map((r) => r.name);
  const table = renderTable(rowsFrom(all), names);
  const minutes = ((Date.now() - began) / 60_000).toFixed(1);
  console.log(`\n${table}\n`);

  const rampLines = all.flatMap((r) => [
    `- ${r.name}: ${r.ramp?.steps.map((s) => `${s.targetRate}/s → p99 ${s.p99.toFixed(1)} ms (cpu ${s.serverCpuPercent.toFixed(0)}%)`).join('; ')}`,
  ]);
  writeResults(resultsFile, [
    `# Benchmark results${quick ? ' (quick run)' : ''}`,
    `Produced by \`pnpm bench${quick ? ' -- --quick' : ''}\` in ${minutes} minutes (traces verified, the three servers measured in turns, phase by phase).`,
    `## Machine\n${machineDescription()}\n- 1-minute load average at the end of each phase: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} ${loadRemark(loads)}`,
    `## Results\n${table}\n\nRatios are Samråd / peer: below 1× is better for time and memory, above 1× for throughput. "≥ best peer" compares with the better of the two peers.`,
    [
      '## Workload',
      `- Typists: raw y-protocols clients in one Node process, each typing the automerge-paper trace (${totalPatches} keystrokes, replay verified to reach endContent; clownschool's ${concurrent.txns} concurrent transactions also verified) into its own text in one shared section document; round-robin at ${config.ratePerEditor} keystrokes/s per editor (N=20 → ${20 * config.ratePerEditor}/s in the room). Latency = typist's send → each other client's receive, same process clock, ${config.measureMs / 1000} s measured after ${config.warmupMs / 1000} s warm-up.`,
      `- ${config.idleOpenCases} other cases are open by one idle client each during the typing phases.`,
      `- Ramp: ${config.ramp.editors} typists, ${config.ramp.stepMs / 1000} s per step; a step holds when p99 ≤ ${config.ramp.limitMs} ms, the generator reached 90% of the asked rate and no delivery went missing.`,
      `- Memory: each stored case has one section holding the paper after ${config.storedCaseKeystrokes} keystrokes (${caseState.byteLength} bytes); the server is restarted, then ${config.openCases} cases are opened by one client each and RSS (VmRSS of the server process) is read 2 s later.`,
      `- Cold open: one writer types ${config.historyUpdates} keystrokes through the protocol (an observer client keeps at most 500 in flight); the server stores them its own way, is restarted, and the first client's connect → sync step 2 applied is timed; the received text is checked against a plain replay of the trace.`,
    ].join('\n'),
    `## Storage per server\n${all.map((r) => `- ${r.name}: ${r.storage}`).join('\n')}`,
    `## Ramp steps\n${rampLines.join('\n')}`,
    `## Attribution\nWorkload: the "editing-traces" data set by Joseph Gentle (automerge-paper prepared by Martin Kleppmann), CC BY 4.0.`,
  ]);
  log(`wrote ${path.relative(process.cwd(), resultsFile)} after ${minutes} minutes`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/** With two cores shared by generator and server, a load above ~2 means something else ran too; say so, since it inflates every tail latency. */
function loadRemark(loads: number[]): string {
  const busy = Math.max(...loads) > 2.5;
  return busy
    ? '(something besides the benchmark used the machine; the servers are measured in turns, phase by phase, so that load falls on all of them)'
    : '(the two cores are shared only by the load generator and the server under test)';
}
