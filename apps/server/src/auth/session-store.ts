import { SESSION_TTL_MS } from '../config.js';
import type { SqlClient } from '../db/sql-client.js';
import { hashToken, newToken } from './tokens.js';

export interface StoredSession {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export interface SessionStore {
  create(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }>;
  lookup(token: string): Promise<StoredSession | null>;
  /** Whether the session with this id (the token's hash) exists and has not run out. */
  isActive(sessionId: string): Promise<boolean>;
  destroy(token: string): Promise<void>;
  /** Ends every session of the person except `keepSessionId` (after a password change). */
  destroyOthers(userId: string, keepSessionId: string | null): Promise<void>;
}

export function createSqlSessionStore(
  sql: SqlClient,
  now: () => Date = () => new Date(),
  ttlMs = SESSION_TTL_MS,
): SessionStore {
  return {
    async create(userId) {
      const token = newToken();
      const csrfToken = newToken();
      const created = now();
      const expiresAt = new Date(created.getTime() + ttlMs);
      await sql.run('DELETE FROM sessions WHERE expires_at <= ?', [created.toISOString()]);
      await sql.run(
        'INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [hashToken(token), userId, csrfToken, created.toISOString(), expiresAt.toISOString()],
      );
      return { token, csrfToken, expiresAt };
    },
    async lookup(token) {
      const row = await sql.get<{ user_id: string; csrf_token: string; expires_at: string }>(
        'SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
        [hashToken(token), now().toISOString()],
      );
      return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) } : null;
    },
    async isActive(sessionId) {
      return (
        (await sql.get('SELECT 1 AS live FROM sessions WHERE token_hash = ? AND expires_at > ?', [
          sessionId,
          now().toISOString(),
        ])) !== undefined
      );
    },
    async destroy(token) {
      await sql.run('DELETE FROM sessions WHERE token_hash = ?', [hashToken(token)]);
    },
    async destroyOthers(userId, keepSessionId) {
      await sql.run('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?', [userId, keepSessionId ?? '']);
    },
  };
}
