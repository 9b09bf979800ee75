import { Hono } from 'hono';
import type { Readiness } from './readiness.js';

/**
 * `/health/live`: the process runs and answers HTTP (restart it if not).
 * `/health/ready`: it can serve now (send it traffic only if so); 503 names what is down.
 */
export function healthRouter(readiness: Readiness) {
  return new Hono()
    .use('*', async (c, next) => {
      c.header('cache-control', 'no-store');
      await next();
    })
    .get('/live', (c) => c.json({ status: 'live' }))
    .get('/ready', async (c) => {
      const report = await readiness.report();
      return c.json(report, report.status === 'ready' ? 200 : 503);
    });
}
