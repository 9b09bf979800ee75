import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { upgradeWebSocket } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { parsePublicRoute, parseSectionRoom } from '@samraad/schema';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { authRouter } from './api/auth.js';
import { casesRouter } from './api/cases.js';
import { commentsRouter } from './api/comments.js';
import { consensusRouter } from './api/consensus.js';
import { versionsRouter } from './api/versions.js';
import { publicationRouter } from './api/publication.js';
import { ConsensusRefusal } from './consensus/consensus-refusal.js';
import { communitiesRouter } from './api/communities.js';
import { apiError, notFound } from './api/errors.js';
import { invitationsRouter } from './api/invitations.js';
import { declarationsRouter } from './api/declarations.js';
import { exportRouter } from './api/export.js';
import { publicRouter } from './api/public.js';
import { createSqlDeclarationRepository } from './declarations/declaration-repository.js';
import { meetingsRouter } from './api/meetings.js';
import { readClientRequest } from './auth/client-request.js';
import { securityHeaders } from './api/security-headers.js';
import { isSameOrigin } from './auth/origin.js';
import { overviewRouter } from './api/overview.js';
import { searchRouter } from './api/search.js';
import { guardWrites, loadViewer, requireViewer } from './auth/session-middleware.js';
import type { AuthEnv } from './auth/viewer.js';
import { ConflictError } from './cases/case-repository.js';
import { publishingCaseChanges } from './events/publishing-case-repository.js';
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
import { isStorageOutage } from './persistence/document-store.js';
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

  app.onError((error, c) => {
    if (error instanceof ConflictError) return apiError(c, 409, 'conflict', error.message);
    if (error instanceof ConsensusRefusal) return apiError(c, error.status, error.code, error.message);
    if (isStorageOutage(error)) {
      c.header('Retry-After', '2');
      return apiError(c, 503, 'storage_unavailable', 'lagring er midlertidig utilgjengelig; prøv igjen om litt');
    }
    // Hono's validator throws this for a body that is not JSON at all.
    if (error instanceof HTTPException && error.status === 400) {
      return apiError(c, 400, 'invalid_json', 'forespørselen er ikke gyldig JSON');
    }
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
  // Declarations and the case papers (export, public page) read the same sources.
  const papers = { ...services, declarations: createSqlDeclarationRepository(services.sql) };
  // The public page needs no login: mounted before, and outside, every requireViewer prefix.
  app.route('/api/public', publicRouter(papers));
  app.route('/api/auth', authRouter(services));
  app.route('/api/invitations', invitationsRouter(services));
  app.use('/api/communities/*', requireViewer);
  app.use('/api/cases/*', requireViewer);
  app.use('/api/threads/*', requireViewer);
  app.use('/api/comments/*', requireViewer);
  app.use('/api/me/*', requireViewer);
  app.use('/api/meetings/*', requireViewer);
  app.use('/api/search', requireViewer);
  // Comment routes span cases, threads and comments; mounted first so their paths win.
  app.route('/api', commentsRouter(services));
  app.route('/api', consensusRouter(services));
  app.route('/api', publicationRouter(services));
  app.route('/api', versionsRouter(services));
  app.route('/api', exportRouter(papers));
  app.route('/api', declarationsRouter(papers));
  app.route('/api', meetingsRouter(services));
  app.route('/api/search', searchRouter(services));
  app.route('/api/me', overviewRouter(services));
  app.route('/api/communities', communitiesRouter(cases, services.sql));
  // Header and section changes made here reach everyone with the case open (see publishingCaseChanges).
  // A signed declaration's sealed sections may not be renamed, re-owned or deleted either.
  const structureLocks = {
    locks: async (caseId: string) => {
      const [locks, seal] = await Promise.all([services.consensus.locks(caseId), papers.declarations.seal(caseId)]);
      const sealed = (seal?.sections ?? []).map((s) => ({
        sectionId: s.sectionId,
        lockedAt: seal!.sealedAt,
        contentHash: seal!.contentHash,
      }));
      return [...locks, ...sealed];
    },
  };
  app.route(
    '/api/cases',
    casesRouter(
      publishingCaseChanges(cases, services.caseEvents),
      services.audit,
      structureLocks,
      services.publications,
    ),
  );
  app.all('/api/*', (c) => notFound(c, 'Ressursen'));

  app.get(
    `${WS_PREFIX}*`,
    async (c, next) => {
      // Another site's page must not open a socket on a user's cookie.
      if (!isSameOrigin(c.req.header('origin'), c.req.header('host'), allowedOrigins)) {
        return apiError(c, 403, 'bad_origin', 'tilkoblingen kom ikke fra Samråd');
      }
      // A client's retry lands on another instance (or this one, restarted).
      if (operations.isStopping()) return apiError(c, 503, 'restarting', 'tjeneren starter på nytt');
      // Only the shape of the name is checked here: whether the section exists is told
      // after the session and access are (decideSocketAccess), so a stranger cannot probe.
      if (!parseSectionRoom(c.req.path.slice(WS_PREFIX.length))) return notFound(c, 'Delen');
      await next();
    },
    upgradeWebSocket(async (c) => {
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
