/** Latency bookkeeping, percentiles and process memory. */
import fs from 'node:fs';

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** Deliveries expected (sent × other clients) that never arrived. */
  missing: number;
}

/**
 * Fan-out latency: from the moment a typist's update is handed to its socket to the moment
 * each other client receives the relayed update. All clients share this process's clock.
 */
export class FanoutRecorder {
  private readonly pending = new Map<string, { sentAt: number; expected: number; got: number }>();
  private readonly samples: number[] = [];
  sent = 0;

  recordSend(key: string, sentAt: number, expectedReceivers: number): void {
    this.sent++;
    this.pending.set(key, { sentAt, expected: expectedReceivers, got: 0 });
  }

  /** Returns false when the key is not ours (another phase's keystroke). */
  recordReceive(key: string, receivedAt: number): boolean {
    const entry = this.pending.get(key);
    if (!entry) return false;
    this.samples.push(receivedAt - entry.sentAt);
    if (++entry.got >= entry.expected) this.pending.delete(key);
    return true;
  }

  get delivered(): number {
    return this.samples.length;
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    let missing = 0;
    for (const entry of this.pending.values()) missing += entry.expected - entry.got;
    return {
      samples: sorted.length,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
      missing,
    };
  }
}

/** Resident set size of a process in MiB, from /proc/<pid>/status. */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A full collection in the load generator before a measured phase, so that its own garbage
 * (the traces are large) does not pause it in the middle and show up as server latency.
 * Needs `node --expose-gc`; without it this does nothing.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
