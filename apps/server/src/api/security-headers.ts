import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';

/** A year, as browsers' preload lists expect. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The page may run only our own built scripts and styles, talk only to us (HTTP and the
 * section WebSockets), and not be framed. The built index.html and Vite's output have no inline
 * script or style; React and the caret set styles through the DOM, which CSP allows.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  // 'self' covers same-origin ws:/wss: in current browsers; naming them keeps older ones working.
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the security headers on every response, HTML or not. */
export const securityHeaders: MiddlewareHandler<AuthEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set('Content-Security-Policy', contentSecurityPolicy(c.req.header('host')));
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('X-Frame-Options', 'DENY');
  // Links out of a case must not tell another site which case was open.
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  // Browsers ignore HSTS over plain http; it is sent only when we know the client used https.
  if (c.get('client').https)
    headers.set('Strict-Transport-Security', `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`);
};
