import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createApp } from './app.js';
import {
  DEFAULT_HEALTH_TIMEOUT_MS,
  DEFAULT_MAX_SOCKET_BUFFER_BYTES,
  DEFAULT_MAX_SOCKETS_PER_SESSION,
  DEFAULT_MAX_SOCKETS_PER_USER,
  DEFAULT_PRESENCE_LIMITS,
  type ServerConfig,
} from './config.js';
import { openDatabase } from './db/open-database.js';
import type { QueryObserver } from './db/storage.js';
import { upgradeConsensusHashes } from './consensus/hash-upgrade.js';
import { seedDemoData } from './demo/seed.js';
import { seedDemoBodies } from './demo/bodies.js';
import type { Fanout } from './fanout/fanout.js';
import { Readiness } from './health/readiness.js';
import { gracefulShutdown } from './lifecycle/graceful-shutdown.js';
import { InFlightRequests } from './lifecycle/in-flight.js';
import { logger } from './logging/logger.js';
import { ServerMetrics } from './metrics/server-metrics.js';
import { createServices, type Services } from './services.js';
import { SocketRegistry } from './ws/socket-registry.js';
import { startMail } from './lifecycle/start-mail.js';

export interface RunningServer {
  url: string;
  port: number;
  seeded: boolean;
  /** Graceful: see lifecycle/graceful-shutdown.ts. Calling it again returns the same promise. */
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig & {
    /** Sees every statement the server runs, for tests that count them. */
    onQuery?: QueryObserver;
  },
): Promise<RunningServer> {
  const sql = await openDatabase({
    databaseUrl: config.databaseUrl ?? null,
    dataDir: config.dataDir,
    onQuery: config.onQuery,
  });
  let fanout: Fanout | undefined;
  try {
    // Loaded only when configured: the Redis client is a sizeable part of an idle server's memory.
    fanout = config.redisUrl
      ? await (await import('./fanout/redis-fanout.js')).createRedisFanout(config.redisUrl)
      : undefined;
  } catch (error) {
    await sql.close();
    throw error;
  }
  let stopping = false;
  const readiness = new Readiness({
    sql,
    fanout,
    timeoutMs: config.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
    isStopping: () => stopping,
    log: logger,
  });
  let services: Services | null = null;
  const metrics = new ServerMetrics({
    openRooms: () => services?.rooms.openRooms ?? 0,
    readiness,
    redisConfigured: Boolean(fanout),
  });
  services = createServices(sql, {
    compactAfterUpdates: config.compactAfterUpdates,
    invitationTtlMs: config.invitationTtlMs,
    sessionTtlMs: config.sessionTtlMs,
    socketLimits: {
      perSession: config.maxSocketsPerSession ?? DEFAULT_MAX_SOCKETS_PER_SESSION,
      perUser: config.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER,
    },
    fanout,
    maxDocumentBytes: config.maxDocumentBytes,
    presenceLimits: {
      ...DEFAULT_PRESENCE_LIMITS,
      maxStateBytes: config.maxPresenceStateBytes ?? DEFAULT_PRESENCE_LIMITS.maxStateBytes,
      maxClientIdsPerUser: config.maxPresenceIdsPerUser ?? DEFAULT_PRESENCE_LIMITS.maxClientIdsPerUser,
    },
    editingSessionQuietMs: config.editingSessionQuietMs,
    roomObserver: metrics.rooms,
  });
  const ready = services;
  // Instances starting together on one empty PostgreSQL database seed it once, in turn.
  const seed = async () => {
    const seededCases = await seedDemoData(ready);
    await seedDemoBodies(ready);
    // Cases published before publishing froze them are frozen as they stand, once.
    await ready.publication.freezeUnrecorded();
    return seededCases;
  };
  const seeded = await ready.notifier.quietly(() => (sql.exclusive ? sql.exclusive('demo-seed', seed) : seed()));
  // Approvals and locks stored with the old, ambiguous content hash move to the new one (once).
  const upgradeHashes = () => upgradeConsensusHashes(ready);
  await (sql.exclusive ? sql.exclusive('consensus-hash-upgrade', upgradeHashes) : upgradeHashes());
  const sockets = new SocketRegistry();
  const requests = new InFlightRequests();
  const app = createApp(ready, {
    webDist: config.webDist,
    allowedOrigins: config.allowedOrigins,
    maxSocketBufferBytes: config.maxSocketBufferBytes ?? DEFAULT_MAX_SOCKET_BUFFER_BYTES,
    trustProxy: config.trustProxy,
    operations: {
      log: logger,
      readiness,
      metrics,
      metricsToken: config.metricsToken ?? null,
      sockets,
      requests,
      isStopping: () => stopping,
    },
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve(
      { fetch: app.fetch, hostname: config.host, port: config.port, websocket: { server: wss } },
      () => resolve(started),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;

  const url = `http://${shownHost}:${port}`;
  const mail = startMail(ready, config, url);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    seeded,
    close() {
      if (!closing) {
        stopping = true;
        closing = mail
          .stop()
          .then(() => gracefulShutdown({ http: server, sockets, requests, services: ready, fanout, log: logger }));
      }
      return closing;
    },
  };
}
