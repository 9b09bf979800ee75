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
  /**
   * Quiet time after the last accepted update before an editing session counts as over and
   * its version is saved (`EDITING_SESSION_QUIET_MS`); it also ends when the last person leaves.
   */
  editingSessionQuietMs?: number;
  /** Updates appended to a section's log before they are merged into its snapshot. */
  compactAfterUpdates: number;
  /** Origins besides the server's own that may open sockets and send writes (a dev proxy). */
  allowedOrigins: string[];
  /** How long an invitation link stays valid. */
  invitationTtlMs: number;
}

/** An editing session counts as over after a few minutes without an accepted update. */
export const DEFAULT_SESSION_QUIET_MS = 3 * 60 * 1000;

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
    editingSessionQuietMs: intFromEnv('EDITING_SESSION_QUIET_MS', DEFAULT_SESSION_QUIET_MS),
    invitationTtlMs: intFromEnv('INVITATION_TTL_SECONDS', 7 * 24 * 60 * 60) * 1000,
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
  };
}
