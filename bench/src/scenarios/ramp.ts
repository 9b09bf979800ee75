/**
 * Raises the typing rate step by step until the p99 fan-out latency passes the limit, the
 * load generator cannot send at the asked rate, or deliveries go missing.
 */
import type { BenchServer } from '../servers/server.js';
import type { Patch } from '../workload/trace.js';
import { openRoom, typeAt, type PhaseResult } from './fanout.js';

export interface RampResult {
  editors: number;
  /** Highest rate whose p99 stayed within the limit. */
  sustained: number;
  steps: PhaseResult[];
}

export async function ramp(
  server: BenchServer,
  patches: Patch[],
  { editors, rates, stepMs, limitMs }: { editors: number; rates: number[]; stepMs: number; limitMs: number },
  log: (line: string) => void,
): Promise<RampResult> {
  const room = await openRoom(server, editors, patches);
  const steps: PhaseResult[] = [];
  let sustained = 0;
  try {
    await typeAt(server, room, rates[0]!, 1_000); // warm-up
    for (const rate of rates) {
      const step = await typeAt(server, room, rate, stepMs, 1_000);
      steps.push(step);
      const deliveries = step.samples + step.missing;
      const held = step.p99 <= limitMs && step.achievedRate >= rate * 0.9 && step.missing <= deliveries * 0.001;
      log(
        `    ${rate}/s: p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, sent ${step.achievedRate.toFixed(0)}/s, ` +
          `missing ${step.missing}, server cpu ${step.serverCpuPercent.toFixed(0)}%, generator cpu ${step.clientCpuPercent.toFixed(0)}% (max stall ${step.clientLoopDelayMaxMs.toFixed(0)} ms)${held ? '' : '  <- limit'}`,
      );
      if (!held) break;
      sustained = rate;
    }
  } finally {
    await room.close();
  }
  return { editors, sustained, steps };
}
