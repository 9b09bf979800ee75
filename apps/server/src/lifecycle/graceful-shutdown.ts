import type { Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { Logger } from '../logging/logger.js';
import type { Services } from '../services.js';
import type { Fanout } from '../fanout/fanout.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import type { SocketRegistry } from '../ws/socket-registry.js';
import type { InFlightRequests } from './in-flight.js';

/** How long clients get to answer our close before their sockets are cut. */
const SOCKET_GRACE_MS = 3_000;
/** How long finished responses get to be written before the remaining connections (event streams) are cut. */
const HTTP_GRACE_MS = 1_000;

export interface ShutdownParts {
  http: Server | Http2Server | Http2SecureServer;
  sockets: SocketRegistry;
  requests: InFlightRequests;
  services: Services;
  fanout?: Fanout;
  log: Logger;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Stops in an order that loses nothing anyone was told was kept:
 * 1. no new connections (the listener closes; new upgrades get 503 and readiness says so);
 * 2. every section socket is closed with CLOSE_CODES.restarting, and what each client sent
 *    before it saw that close is handled and stored, while running HTTP handlers finish;
 * 3. the rooms fold their logs, the audit log writes its held rows, and only then do Redis
 *    and the database close.
 * The caller bounds the whole (main.ts exits anyway after SHUTDOWN_TIMEOUT_SECONDS).
 */
export async function gracefulShutdown({
  http,
  sockets,
  requests,
  services,
  fanout,
  log,
}: ShutdownParts): Promise<void> {
  const started = performance.now();
  log.info({ sockets: sockets.size, requests: requests.count }, 'stopper: tar ikke imot nye forbindelser');
  const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
  const httpDrained = (async () => {
    await requests.idle();
    await Promise.race([httpClosed, delay(HTTP_GRACE_MS)]);
    // What is left are idle keep-alive connections and event streams; their clients reconnect.
    if ('closeAllConnections' in http) http.closeAllConnections();
    await httpClosed;
  })();
  await Promise.all([
    sockets.drainAll(CLOSE_CODES.restarting, 'tjeneren starter på nytt', SOCKET_GRACE_MS),
    httpDrained,
  ]);
  // Each step runs even if one before it failed (a database gone at the last moment), so
  // Redis and the database are still closed; the first failure is reported to the caller.
  const failures: unknown[] = [];
  for (const [step, run] of [
    ['rommene', () => services.rooms.closeAll()],
    // A section's text waits a second before it is indexed; a restart must not leave search stale.
    ['søkeindeksen', () => services.search.flushIndex()],
    ['revisjonsloggen', () => services.audit.flush()],
    ['saksvarslene', () => services.caseEvents.close()],
    ['Redis', () => fanout?.close()],
    ['databasen', () => services.sql.close()],
  ] as const) {
    try {
      await run();
    } catch (error) {
      log.error({ err: error, step }, `kunne ikke lukke ${step}`);
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  log.info({ ms: Math.round(performance.now() - started) }, 'stoppet');
}
