import type { ReadinessReport } from '../health/readiness.js';

export async function readiness(baseUrl: string): Promise<{ status: number; body: ReadinessReport }> {
  const response = await fetch(`${baseUrl}/health/ready`);
  return { status: response.status, body: (await response.json()) as ReadinessReport };
}

export async function scrapeMetrics(baseUrl: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, init);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

/**
 * One sample's value from the Prometheus text format, e.g.
 * `metricValue(text, 'samraad_updates_refused_total', { reason: 'observer' })`; 0 when the
 * series has not appeared yet (a counter nobody has increased).
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const series = wanted ? `${name}{${wanted}}` : name;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return 0;
}
