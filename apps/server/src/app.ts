import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { upgradeWebSocket } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { parsePublicRoute, parseSectionRoom } from '@samraad/schema';
import { Hono, type Context } from 'hono';
import { apiError, errorAnswer } from './api/errors.js';
import { apiRoutes } from './api/routes.js';
import { Forbidden, NotFound } from './errors/domain-errors.js';
import { readClientRequest } from './auth/client-request.js';
import { securityHeaders } from './api/security-headers.js';
import { isSameOrigin } from './auth/origin.js';
import { guardWrites, loadViewer, requireViewer } from './auth/session-middleware.js';
import type { AuthEnv } from './auth/viewer.js';
import { healthRouter } from './health/health-router.js';
import type { Readiness } from './health/readiness.js';
import type { InFlightRequests } from './lifecycle/in-flight.js';
import type { Logger } from './logging/logger.js';
import { requestLog } from './logging/request-log.js';
import { metricsRouter } from './metrics/metrics-router.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import type { Services } from './services.js';
import { sectionSocket } from './ws/section-socket.js';
import { decideSocketAccess } from './ws/socket-access.js';
import type { SocketRegistry } from './ws/socket-registry.js';

/** Health, metrics, logs and shutdown state, which server.ts builds around the services. */
export interface AppOperations {
  log: Logger;
  readiness: Readiness;
  metrics: ServerMetrics;
  /** Bearer token for /metrics; null lets only loopback scrapers in. */
  metricsToken: string | null;
  sockets: SocketRegistry;
  requests: InFlightRequests;
  /** True once a graceful shutdown has begun: no new sockets, not ready. */
  isStopping(): boolean;
}

export interface AppOptions {
  webDist: string | null;
  allowedOrigins: readonly string[];
  /** Outgoing bytes one section socket may have waiting before it is dropped. */
  maxSocketBufferBytes: number;
  /** Trust X-Forwarded-For/-Proto from a reverse proxy (see ServerConfig.trustProxy). */
  trustProxy?: boolean;
  operations: AppOperations;
}

const WS_PREFIX = '/ws/';

export function createApp(
  services: Services,
  { webDist, allowedOrigins, maxSocketBufferBytes, trustProxy = false, operations }: AppOptions,
) {
  const { cases, users, sessions, rooms } = services;
  const app = new Hono<AuthEnv>();

  // Every refusal a service or route throws is answered here, and only here (see errorAnswer).
  app.onError((error, c) => {
    const known = errorAnswer(error);
    if (known) return c.json(known.body, known.status, known.headers);
    (c.get('log') ?? operations.log).error({ err: error }, 'uventet feil');
    return apiError(c, 500, 'internal', 'intern feil på tjeneren');
  });

  app.use('*', requestLog(operations.log));
  app.use('*', async (_c, next) => {
    const done = operations.requests.begin();
    try {
      await next();
    } finally {
      done();
    }
  });
  // Before the session middleware: probes and scrapers carry no cookie and need no database read.
  app.route('/health', healthRouter(operations.readiness));
  app.route('/metrics', metricsRouter(operations.metrics, operations.metricsToken));
  app.use('*', readClientRequest(trustProxy));
  app.use('*', securityHeaders);
  app.use('*', loadViewer(sessions, users));
  app.use('/api/*', guardWrites(allowedOrigins));

  // The first health check, kept for existing probes: the process answers (like /health/live).
  app.get('/api/health', (c) => c.json({ ok: true }));
  // The public page, login and invitations need no session; everything else under these prefixes does.
  app.use('/api/communities/*', requireViewer);
  app.use('/api/cases/*', requireViewer);
  app.use('/api/threads/*', requireViewer);
  app.use('/api/comments/*', requireViewer);
  app.use('/api/me/*', requireViewer);
  app.use('/api/meetings/*', requireViewer);
  app.use('/api/search', requireViewer);
  app.use('/api/dev-mailbox', requireViewer);
  app.route('/api', apiRoutes(services));
  app.all('/api/*', () => {
    throw new NotFound('Ressursen');
  });

  app.get(
    `${WS_PREFIX}*`,
    async (c, next) => {
      // Another site's page must not open a socket on a user's cookie.
      if (!isSameOrigin(c.req.header('origin'), c.req.header('host'), allowedOrigins)) {
        throw Forbidden.saying('tilkoblingen kom ikke fra Samråd', 'bad_origin');
      }
      // A client's retry lands on another instance (or this one, restarted).
      if (operations.isStopping()) return apiError(c, 503, 'restarting', 'tjeneren starter på nytt');
      // Only the shape of the name is checked here: whether the section exists is told
      // after the session and access are (decideSocketAccess), so a stranger cannot probe.
      if (!parseSectionRoom(c.req.path.slice(WS_PREFIX.length))) throw new NotFound('Delen');
      await next();
    },
    upgradeWebSocket(async (c: Context<AuthEnv>) => {
      const roomName = c.req.path.slice(WS_PREFIX.length);
      const access = await decideSocketAccess(
        c.get('viewer'),
        parseSectionRoom(roomName)!,
        cases,
        users,
        services.consensus,
        services.writerEpoch,
      );
      const log = c
        .get('log')
        .child({ connId: randomUUID(), room: roomName, userId: c.get('viewer')?.user.id ?? null });
      return sectionSocket(rooms, roomName, access, {
        maxBufferedBytes: maxSocketBufferBytes,
        sockets: services.openSockets,
        isSessionActive: (sessionId) => sessions.isActive(sessionId),
        log,
        metrics: operations.metrics,
        registry: operations.sockets,
      });
    }),
  );

  if (webDist && fs.existsSync(path.join(webDist, 'index.html'))) {
    const indexHtml = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
    // Source maps stay with whoever built the app: the public site does not serve the source.
    // The compressed copies (.br, .gz) go out only as the encoding of the file they compress.
    app.use('/*', async (c, next) => (/\.(map|br|gz)$/.test(c.req.path) ? c.body(null, 404) : next()));
    app.use('/*', async (c, next) => {
      await next();
      // Hashed file names change with their content, so a browser may keep them for good;
      // index.html names the current ones and must be asked for every time.
      const hashed = c.req.path.startsWith('/assets/') && c.res.status === 200;
      c.res.headers.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (hashed) c.res.headers.set('Vary', 'Accept-Encoding');
    });
    app.use('/*', serveStatic({ root: path.relative(process.cwd(), webDist) || '.', precompressed: true }));
    // The public page of a community that does not exist is "not found" for links and search
    // engines too; the app it loads says so to the reader.
    app.get('/offentlig/*', async (c, next) => {
      const route = parsePublicRoute(c.req.path);
      if (route && (await cases.getCommunity(route.communityId))) return next();
      return c.html(indexHtml, 404);
    });
    // Client-side routes (/c/lvs, /sak/lvs-04-2022) all load the single-page app.
    app.get('*', (c) => c.html(indexHtml));
  }

  return app;
}
