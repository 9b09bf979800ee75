import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { decideMetricsAccess } from './metrics-access.js';
import type { ServerMetrics } from './server-metrics.js';

/** `GET /metrics` in the Prometheus text format, for whoever `decideMetricsAccess` lets in. */
export function metricsRouter(metrics: ServerMetrics, token: string | null) {
  return new Hono().get('/', async (c) => {
    const access = decideMetricsAccess({
      token,
      authorization: c.req.header('authorization'),
      remoteAddress: getConnInfo(c).remote.address,
      header: (name) => c.req.header(name),
    });
    if (access === 'hidden') return c.text('Not Found', 404);
    if (access === 'unauthorized') return c.text('Unauthorized', 401, { 'www-authenticate': 'Bearer realm="metrics"' });
    return c.body(await metrics.registry.metrics(), 200, {
      'content-type': metrics.registry.contentType,
      'cache-control': 'no-store',
    });
  });
}
