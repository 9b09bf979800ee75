import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createApp } from './app.js';
import { DEFAULT_MAX_SOCKET_BUFFER_BYTES, DEFAULT_MAX_SOCKETS_PER_SESSION, DEFAULT_MAX_SOCKETS_PER_USER, DEFAULT_PRESENCE_LIMITS, type ServerConfig } from './config.js';
import { openDatabase } from './db/open-database.js';
import { upgradeConsensusHashes } from './consensus/hash-upgrade.js';
import { seedDemoData } from './demo/seed.js';
import { seedDemoBodies } from './meetings/demo-bodies.js';
import type { Fanout } from './fanout/fanout.js';
import { createServices } from './services.js';

export interface RunningServer {
  url: string;
  port: number;
  seeded: boolean;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const sql = await openDatabase({ databaseUrl: config.databaseUrl ?? null, dataDir: config.dataDir });
  let fanout: Fanout | undefined;
  try {
    // Loaded only when configured: the Redis client is a sizeable part of an idle server's memory.
    fanout = config.redisUrl ? await (await import('./fanout/redis-fanout.js')).createRedisFanout(config.redisUrl) : undefined;
  } catch (error) {
    await sql.close();
    throw error;
  }
  const services = createServices(sql, {
    compactAfterUpdates: config.compactAfterUpdates,
    invitationTtlMs: config.invitationTtlMs,
    sessionTtlMs: config.sessionTtlMs,
    socketLimits: {
      perSession: config.maxSocketsPerSession ?? DEFAULT_MAX_SOCKETS_PER_SESSION,
      perUser: config.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER,
    },
    fanout,
    maxDocumentBytes: config.maxDocumentBytes,
    presenceLimits: { ...DEFAULT_PRESENCE_LIMITS, maxStateBytes: config.maxPresenceStateBytes ?? DEFAULT_PRESENCE_LIMITS.maxStateBytes },
    editingSessionQuietMs: config.editingSessionQuietMs,
  });
  // Instances starting together on one empty PostgreSQL database seed it once, in turn.
  const seed = async () => {
    const seededCases = await seedDemoData(services);
    await seedDemoBodies(services);
    // Cases published before publishing froze them are frozen as they stand, once.
    await services.publication.freezeUnrecorded();
    return seededCases;
  };
  const seeded = await (sql.exclusive ? sql.exclusive('demo-seed', seed) : seed());
  // Approvals and locks stored with the old, ambiguous content hash move to the new one (once).
  const upgradeHashes = () => upgradeConsensusHashes(services);
  await (sql.exclusive ? sql.exclusive('consensus-hash-upgrade', upgradeHashes) : upgradeHashes());
  const app = createApp(services, {
    webDist: config.webDist,
    allowedOrigins: config.allowedOrigins,
    maxSocketBufferBytes: config.maxSocketBufferBytes ?? DEFAULT_MAX_SOCKET_BUFFER_BYTES,
    trustProxy: config.trustProxy,
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

  return {
    url: `http://${shownHost}:${port}`,
    port,
    seeded,
    async close() {
      for (const client of wss.clients) client.close(1001, 'tjeneren stopper');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.rooms.closeAll();
      await services.audit.flush();
      services.caseEvents.close();
      await fanout?.close();
      await sql.close();
    },
  };
}
