/**
 * A browser always sends Origin on WebSocket upgrades and cross-site writes. Comparing it with
 * the Host the request was sent to stops another site from riding on a user's cookie
 * (cross-site WebSocket hijacking and CSRF), also behind a proxy that keeps the Host header.
 */
export function isSameOrigin(
  origin: string | undefined,
  host: string | undefined,
  extraAllowed: readonly string[] = [],
): boolean {
  if (!origin || !host) return false;
  if (extraAllowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
