import { startServer, type RunningServer } from '../server.js';
import { testDatabaseUrl } from './test-database.js';
import { makeTempDir } from './temp-dir.js';

/**
 * A real server in this process on a free port and its own data directory (its own
 * PostgreSQL schema in the PostgreSQL run).
 */
export async function startTestServer(
  dataDir = makeTempDir(),
  overrides: {
    compactAfterUpdates?: number;
    maxDocumentBytes?: number;
    redisUrl?: string;
    /** A database of the test's own (own-postgres.ts) instead of the run's test database. */
    databaseUrl?: string;
    metricsToken?: string;
    healthTimeoutMs?: number;
  } = {},
): Promise<RunningServer & { dataDir: string }> {
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseUrl: overrides.databaseUrl ?? (await testDatabaseUrl(dataDir)),
    redisUrl: overrides.redisUrl ?? null,
    webDist: null,
    maxMessageBytes: 1024 * 1024,
    maxDocumentBytes: overrides.maxDocumentBytes,
    compactAfterUpdates: overrides.compactAfterUpdates ?? 500,
    allowedOrigins: [],
    invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
    metricsToken: overrides.metricsToken ?? null,
    healthTimeoutMs: overrides.healthTimeoutMs,
  });
  return { ...server, dataDir };
}
