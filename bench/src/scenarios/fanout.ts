/**
 * N typists in one section document. Each keystroke is timed from the typist's send to its
 * arrival at every other client in the room.
 */
import { Typist } from '../clients.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { collectGarbage, cpuSeconds, FanoutRecorder, sleep, type LatencySummary } from '../metrics.js';
import type { BenchServer, SectionRef } from '../servers/server.js';
import type { Patch } from '../workload/trace.js';
import { closeAll, connectMany } from './connect.js';

export interface Room {
  section: SectionRef;
  typists: Typist[];
  /** Where relayed keystrokes are counted; swapped per measured phase. */
  recorder: FanoutRecorder;
  close(): Promise<void>;
}

/** `onRelayed` sees every relayed update's key, also those no typist in the room sent. */
export async function openRoom(
  server: BenchServer,
  editors: number,
  patches: Patch[],
  onRelayed: (key: string) => void = () => {},
): Promise<Room> {
  const section = await server.createSection('Benk samskriving');
  const room: Room = {
    section,
    typists: [],
    recorder: new FanoutRecorder(),
    close: () => closeAll(room.typists.map((typist) => typist.client)),
  };
  const clients = await connectMany(
    server,
    Array.from({ length: editors }, (_, index) => ({ section, index })),
    () => ({
      onRelayedUpdate: (key, at) => {
        onRelayed(key);
        room.recorder.recordReceive(key, at);
      },
    }),
  );
  room.typists = clients.map((client) => new Typist(client, patches));
  return room;
}

export interface PhaseResult extends LatencySummary {
  targetRate: number;
  achievedRate: number;
  serverCpuPercent: number;
  /** The load generator's own health: if it stalls, latencies are its fault, not the server's. */
  clientCpuPercent: number;
  clientLoopDelayMaxMs: number;
}

/**
 * Types at `rate` keystrokes per second in total, round-robin over the typists, for
 * `durationMs`; then waits up to `graceMs` for the last deliveries.
 */
export async function typeAt(
  server: BenchServer,
  room: Room,
  rate: number,
  durationMs: number,
  graceMs = 2_000,
): Promise<PhaseResult> {
  const recorder = new FanoutRecorder();
  room.recorder = recorder;
  const receivers = room.typists.length - 1;
  collectGarbage();
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const clientCpuBefore = process.cpuUsage();
  const cpuBefore = cpuSeconds(server.pid);
  const start = performance.now();
  let sent = 0;
  let turn = 0;
  for (;;) {
    const elapsed = performance.now() - start;
    if (elapsed >= durationMs) break;
    const due = Math.floor((elapsed / 1000) * rate);
    while (sent < due) {
      const typist = room.typists[turn++ % room.typists.length]!;
      const sentAt = performance.now();
      const key = typist.typeNext();
      if (key) recorder.recordSend(key, sentAt, receivers);
      sent++;
    }
    await sleep(1);
  }
  const elapsedSeconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const expected = recorder.sent * receivers;
  const graceEnd = performance.now() + graceMs;
  while (recorder.delivered < expected && performance.now() < graceEnd) await sleep(10);
  loopDelay.disable();
  return {
    ...recorder.summary(),
    targetRate: rate,
    achievedRate: sent / elapsedSeconds,
    serverCpuPercent: (cpu / elapsedSeconds) * 100,
    clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1e6 / elapsedSeconds) * 100,
    clientLoopDelayMaxMs: loopDelay.max / 1e6,
  };
}
