import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthEnv } from './viewer.js';

/** Where a request came from, as far as the server can know it. */
export interface ClientRequest {
  /** The client's IP address: keys the login throttle. */
  address: string;
  /** Whether the client reached us over https: Secure cookies and HSTS. */
  https: boolean;
}

/**
 * Reads the client's address and scheme once per request. X-Forwarded-For and
 * X-Forwarded-Proto are anyone's to send, so they count only when the operator says a
 * reverse proxy sits in front (`TRUST_PROXY`); the proxy appends the address it saw last.
 */
export function readClientRequest(trustProxy: boolean): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    c.set('client', clientRequest(c, trustProxy));
    await next();
  };
}

function clientRequest(c: Context, trustProxy: boolean): ClientRequest {
  let address = 'unknown';
  try {
    address = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() has no socket; the per-account keys still apply.
  }
  let https = new URL(c.req.url).protocol === 'https:';
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (forwarded?.length) address = forwarded[forwarded.length - 1]!;
    https ||= c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  }
  return { address, https };
}
