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
  /** Largest presence (awareness) state of one client, as JSON; a larger one closes the socket. */
  maxPresenceStateBytes?: number;
  maxPresenceIdsPerUser?: number;
  /** Outgoing bytes buffered for one socket before the server drops it (see DEFAULT_MAX_SOCKET_BUFFER_BYTES). */
  maxSocketBufferBytes?: number;
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
  /** How long a login lasts; the session's sockets are closed when it runs out. */
  sessionTtlMs?: number;
  /**
   * Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry and
   * the scheme from X-Forwarded-Proto (`TRUST_PROXY=1`). Off, both headers are ignored, since
   * anyone can send them.
   */
  trustProxy?: boolean;
  /** Open WebSockets one login may hold (one per section of each open case page). */
  maxSocketsPerSession?: number;
  /** Open WebSockets one person may hold across all their logins, on this instance. */
  maxSocketsPerUser?: number;
  /** Bearer token that opens `/metrics` from anywhere (`METRICS_TOKEN`); without it only loopback may scrape. */
  metricsToken?: string | null;
  /** How long the database and Redis get to answer a readiness probe (`HEALTH_TIMEOUT_MS`). */
  healthTimeoutMs?: number;
  /** Longest a graceful shutdown may take before the process exits anyway (`SHUTDOWN_TIMEOUT_SECONDS`). */
  shutdownTimeoutMs?: number;
  /** Mail server for notices (`SMTP_URL`, e.g. smtp://user:pass@host:587); without it mail stays in the outbox. */
  smtpUrl?: string | null;
  /** Sender address of notices (`MAIL_FROM`). */
  mailFrom?: string;
  /** The address people reach Samråd at, for links in mail (`PUBLIC_URL`); the server's own by default. */
  publicUrl?: string | null;
  /** How long a sender's claim on an outbox row lasts (`MAIL_CLAIM_SECONDS`): longer than a send takes. */
  mailClaimMs?: number;
  /** How often the sender looks for due mail besides being nudged (`MAIL_POLL_MS`). */
  mailPollMs?: number;
  /** How long notices wait for the daily digest (`MAIL_DIGEST_SECONDS`, a day). */
  mailDigestMs?: number;
}

/** A case page opens one socket per section; a big case has ~10, so 50 is five tabs of one. */
export const DEFAULT_MAX_SOCKETS_PER_SESSION = 50;
export const DEFAULT_MAX_SOCKETS_PER_USER = 100;
/** How long a login lasts without SESSION_TTL_SECONDS. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** An editing session counts as over after a few minutes without an accepted update. */
export const DEFAULT_SESSION_QUIET_MS = 3 * 60 * 1000;

export const DEFAULT_HEALTH_TIMEOUT_MS = 2_000;

export const DEFAULT_MAIL_FROM = 'Samråd <samraad@localhost>';
/** A send takes seconds; a claim outlives it with margin, and a dead sender's rows wait this long. */
export const DEFAULT_MAIL_CLAIM_MS = 2 * 60_000;
export const DEFAULT_MAIL_POLL_MS = 5_000;
export const DEFAULT_MAIL_DIGEST_MS = 24 * 60 * 60_000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** A long case document with history is well under 1 MB; 16 MB stops abuse, not writing. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** What one browser tab needs for its presence, with room to spare; anything beyond is abuse. */
export const DEFAULT_PRESENCE_LIMITS = {
  /** One client's presence (name, colour, caret) is a few hundred bytes as JSON. */
  maxStateBytes: 4 * 1024,
  /** A tab speaks for one awareness client id per section; a few allow for odd clients. */
  maxClientIdsPerConnection: 4,
  /**
   * Client ids one person may have live in one section (a tab each, and reloads): far more
   * than anyone opens, so holding more is a client minting ids. The benchmark, whose thousands
   * of simulated editors share two logins, raises it with MAX_PRESENCE_IDS_PER_USER.
   */
  maxClientIdsPerUser: 64,
  /** Awareness queries one connection may send at once, and how many it earns per second after. */
  queryBurst: 10,
  queriesPerSecond: 1,
} as const;

/**
 * Bytes the server holds for one socket that is not reading (ws bufferedAmount) before it
 * drops it. One message is always let through, so a full sync of a large section still goes.
 */
export const DEFAULT_MAX_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

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
    maxPresenceStateBytes: intFromEnv('MAX_PRESENCE_STATE_BYTES', DEFAULT_PRESENCE_LIMITS.maxStateBytes),
    maxPresenceIdsPerUser: intFromEnv('MAX_PRESENCE_IDS_PER_USER', DEFAULT_PRESENCE_LIMITS.maxClientIdsPerUser),
    maxSocketBufferBytes: intFromEnv('MAX_SOCKET_BUFFER_BYTES', DEFAULT_MAX_SOCKET_BUFFER_BYTES),
    compactAfterUpdates: intFromEnv('COMPACT_AFTER_UPDATES', 500),
    editingSessionQuietMs: intFromEnv('EDITING_SESSION_QUIET_MS', DEFAULT_SESSION_QUIET_MS),
    invitationTtlMs: intFromEnv('INVITATION_TTL_SECONDS', 7 * 24 * 60 * 60) * 1000,
    sessionTtlMs: intFromEnv('SESSION_TTL_SECONDS', SESSION_TTL_MS / 1000) * 1000,
    trustProxy: ['1', 'true', 'yes'].includes((process.env.TRUST_PROXY ?? '').toLowerCase()),
    maxSocketsPerSession: intFromEnv('MAX_SOCKETS_PER_SESSION', DEFAULT_MAX_SOCKETS_PER_SESSION),
    maxSocketsPerUser: intFromEnv('MAX_SOCKETS_PER_USER', DEFAULT_MAX_SOCKETS_PER_USER),
    allowedOrigins: (process.env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    metricsToken: process.env.METRICS_TOKEN || null,
    healthTimeoutMs: intFromEnv('HEALTH_TIMEOUT_MS', DEFAULT_HEALTH_TIMEOUT_MS),
    shutdownTimeoutMs: intFromEnv('SHUTDOWN_TIMEOUT_SECONDS', DEFAULT_SHUTDOWN_TIMEOUT_MS / 1000) * 1000,
    smtpUrl: process.env.SMTP_URL || null,
    mailFrom: process.env.MAIL_FROM || DEFAULT_MAIL_FROM,
    publicUrl: process.env.PUBLIC_URL || null,
    mailClaimMs: intFromEnv('MAIL_CLAIM_SECONDS', DEFAULT_MAIL_CLAIM_MS / 1000) * 1000,
    mailPollMs: intFromEnv('MAIL_POLL_MS', DEFAULT_MAIL_POLL_MS),
    mailDigestMs: intFromEnv('MAIL_DIGEST_SECONDS', DEFAULT_MAIL_DIGEST_MS / 1000) * 1000,
  };
}
