import { timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever its socket says. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may read `/metrics`. With METRICS_TOKEN set: whoever sends it as a bearer token, from
 * anywhere. Without it: only a scraper on the same machine (loopback, not forwarded by a
 * proxy); everyone else gets 404, as if there were no such page.
 */
export function decideMetricsAccess(request: {
  token: string | null;
  authorization: string | undefined;
  remoteAddress: string | undefined;
  header: (name: string) => string | undefined;
}): MetricsAccess {
  if (request.token) {
    const given = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1];
    return given !== undefined && sameSecret(given, request.token) ? 'allowed' : 'unauthorized';
  }
  if (!isLoopback(request.remoteAddress)) return 'hidden';
  return FORWARDING_HEADERS.some((name) => request.header(name) !== undefined) ? 'hidden' : 'allowed';
}
