/** The three-way table: printed to the terminal and written to bench/RESULTS.md. */
import fs from 'node:fs';
import os from 'node:os';

export interface Row {
  label: string;
  unit: string;
  better: 'lower' | 'higher';
  /** Value per server name; null when not measured. */
  values: Record<string, number | null>;
}

export const SAMRAAD = 'Samråd';

function format(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** Samråd / peer; below 1 is better for lower-is-better rows, above 1 for throughput. */
function ratio(row: Row, peer: string): string {
  const ours = row.values[SAMRAAD];
  const theirs = row.values[peer];
  if (ours == null || theirs == null || !theirs) return '–';
  return `${(ours / theirs).toFixed(2)}×`;
}

function meetsBestPeer(row: Row, peers: string[]): string {
  const ours = row.values[SAMRAAD];
  const theirs = peers.map((peer) => row.values[peer]).filter((v): v is number => v != null && !Number.isNaN(v));
  if (ours == null || Number.isNaN(ours) || theirs.length === 0) return '–';
  const best = row.better === 'lower' ? Math.min(...theirs) : Math.max(...theirs);
  return (row.better === 'lower' ? ours <= best : ours >= best) ? 'yes' : 'no';
}

export function renderTable(rows: Row[], servers: string[]): string {
  const peers = servers.filter((name) => name !== SAMRAAD);
  const header = ['Measure', ...servers, ...peers.map((peer) => `${SAMRAAD} / ${peer}`), '≥ best peer'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    const cells = [
      `${row.label} (${row.better} is better)`,
      ...servers.map((name) => format(row.values[name], row.unit)),
      ...peers.map((peer) => ratio(row, peer)),
      servers.includes(SAMRAAD) ? meetsBestPeer(row, peers) : '–',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function machineDescription(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical cores (load generator and server share them)`,
    `- RAM: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}`,
    `- Date: ${new Date().toISOString()}`,
  ].join('\n');
}

export function writeResults(file: string, sections: string[]): void {
  fs.writeFileSync(file, `${sections.join('\n\n')}\n`);
}
