import type { ServerConfig } from '../config.js';
import type { QueryObserver } from '../db/storage.js';
import { startServer, type RunningServer } from '../server.js';
import { testDatabaseUrl } from './test-database.js';
import { makeTempDir } from './temp-dir.js';

/**
 * A real server in this process on a free port and its own data directory (its own
 * PostgreSQL schema in the PostgreSQL run).
 */
export async function startTestServer(
  dataDir = makeTempDir(),
  overrides: Partial<
    Pick<
      ServerConfig,
      | 'compactAfterUpdates'
      | 'maxDocumentBytes'
      | 'maxPresenceStateBytes'
      | 'maxSocketBufferBytes'
      | 'redisUrl'
      | 'sessionTtlMs'
      | 'trustProxy'
      | 'maxSocketsPerSession'
      | 'maxSocketsPerUser'
      | 'webDist'
      | 'editingSessionQuietMs'
      | 'healthTimeoutMs'
      | 'smtpUrl'
      | 'mailPollMs'
      | 'mailClaimMs'
      | 'mailDigestMs'
      | 'publicUrl'
    >
  > & {
    /** A database of the test's own (own-postgres.ts) instead of the run's test database. */
    databaseUrl?: string;
    metricsToken?: string;
    /** Sees every statement the server runs. */
    onQuery?: QueryObserver;
  } = {},
): Promise<RunningServer & { dataDir: string }> {
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    databaseUrl: overrides.databaseUrl ?? (await testDatabaseUrl(dataDir)),
    redisUrl: overrides.redisUrl ?? null,
    webDist: overrides.webDist ?? null,
    maxMessageBytes: 1024 * 1024,
    maxDocumentBytes: overrides.maxDocumentBytes,
    maxPresenceStateBytes: overrides.maxPresenceStateBytes,
    maxSocketBufferBytes: overrides.maxSocketBufferBytes,
    compactAfterUpdates: overrides.compactAfterUpdates ?? 500,
    editingSessionQuietMs: overrides.editingSessionQuietMs,
    allowedOrigins: [],
    invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
    sessionTtlMs: overrides.sessionTtlMs,
    trustProxy: overrides.trustProxy,
    maxSocketsPerSession: overrides.maxSocketsPerSession,
    maxSocketsPerUser: overrides.maxSocketsPerUser,
    metricsToken: overrides.metricsToken ?? null,
    healthTimeoutMs: overrides.healthTimeoutMs,
    onQuery: overrides.onQuery,
    smtpUrl: overrides.smtpUrl ?? null,
    mailPollMs: overrides.mailPollMs,
    mailClaimMs: overrides.mailClaimMs,
    mailDigestMs: overrides.mailDigestMs,
    publicUrl: overrides.publicUrl ?? null,
  });
  return { ...server, dataDir };
}
