import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AuthEnv } from '../auth/viewer.js';
import type { Logger } from './logger.js';

/** A caller's (a proxy's) own request id is kept if it looks like one, so logs line up. */
const INCOMING_ID = /^[\w.:-]{1,64}$/;

/** Probes and scrapes arrive every few seconds; logged only at debug. */
const QUIET_ROUTES = /^\/(health|metrics)\b|^\/api\/health$/;

/**
 * Gives every request an id (answered in `x-request-id`) and a logger bound to it, and logs
 * one line when the handler is done. The line names the route pattern, never the path as
 * sent: paths carry invitation tokens (`/api/invitations/:token`).
 */
export function requestLog(log: Logger): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const requestLogger = log.child({ reqId: requestId });
    c.set('requestId', requestId);
    c.set('log', requestLogger);
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    const route = routePath(c, c.req.routeIndex);
    const line = { method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) };
    // A 503 from /health/ready is an answer, not a failure; readiness logs its own changes.
    if (QUIET_ROUTES.test(c.req.path) || c.res.status === 101) requestLogger.debug(line, 'forespørsel');
    else if (c.res.status >= 500) requestLogger.error(line, 'forespørsel feilet');
    else requestLogger.info(line, 'forespørsel');
  };
}
