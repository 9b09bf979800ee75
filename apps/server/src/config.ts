import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder holding the embedded database; created on start. */
  dataDir: string;
  /** PostgreSQL instead of the embedded database (`DATABASE_URL`); needed for several instances. */
  databaseUrl?: string | null;
  /** Redis for sharing live updates and presence between instances (`REDIS_URL`); null runs alone. */
  redisUrl?: string | null;
  /** Built web app to serve; null serves the API only (development with Vite). */
  webDist: string | null;
  /** Largest WebSocket message accepted; bigger frames close the connection with 1009. */
  maxMessageBytes: number;
  /**
   * Largest encoded section document; an update that would grow it past this is refused and
   * the sender's connection closed with CLOSE_CODES.documentTooLarge.
   */
  maxDocumentBytes?: number;
  /** Updates appended to a section's log before they are merged into its snapshot. */
  compactAfterUpdates: number;
  /** Origins besides the server's own that may open sockets and send writes (a dev proxy). */
  allowedOrigins: string[];
  /** How long an invitation link stays valid. */
  invitationTtlMs: number;
  /** Bearer token that opens `/metrics` from anywhere (`METRICS_TOKEN`); without it only loopback may scrape. */
  metricsToken?: string | null;
  /** How long the database and Redis get to answer a readiness probe (`HEALTH_TIMEOUT_MS`). */
  healthTimeoutMs?: number;
  /** Longest a graceful shutdown may take before the process exits anyway (`SHUTDOWN_TIMEOUT_SECONDS`). */
  shutdownTimeoutMs?: number;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** A long case document with history is well under 1 MB; 16 MB stops abuse, not writing. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} må være et heltall, fikk «${raw}»`);
  return value;
}

export function configFromEnv(): ServerConfig {
  const webDist = process.env.WEB_DIST ?? path.join(repoRoot, 'apps/web/dist');
  return {
    host: process.env.HOST ?? '127.0.0.1',
    port: intFromEnv('PORT', 3000),
    dataDir: path.resolve(process.env.DATA_DIR ?? path.join(repoRoot, 'data')),
    webDist: webDist === '' ? null : path.resolve(webDist),
    databaseUrl: process.env.DATABASE_URL || null,
    redisUrl: process.env.REDIS_URL || null,
    maxMessageBytes: intFromEnv('MAX_MESSAGE_BYTES', 2 * 1024 * 1024),
    maxDocumentBytes: intFromEnv('MAX_DOCUMENT_BYTES', DEFAULT_MAX_DOCUMENT_BYTES),
    compactAfterUpdates: intFromEnv('COMPACT_AFTER_UPDATES', 500),
    invitationTtlMs: intFromEnv('INVITATION_TTL_SECONDS', 7 * 24 * 60 * 60) * 1000,
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    metricsToken: process.env.METRICS_TOKEN || null,
    healthTimeoutMs: intFromEnv('HEALTH_TIMEOUT_MS', DEFAULT_HEALTH_TIMEOUT_MS),
    shutdownTimeoutMs: intFromEnv('SHUTDOWN_TIMEOUT_SECONDS', DEFAULT_SHUTDOWN_TIMEOUT_MS / 1000) * 1000,
  };
}
