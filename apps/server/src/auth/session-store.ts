import type { User } from '@samraad/schema';
import { SESSION_TTL_MS } from '../config.js';
import type { Storage } from '../db/storage.js';
import { hashToken, newToken } from './tokens.js';

export interface StoredSession {
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side sessions: the cookie holds a random token, the database only its hash. */
export interface SessionStore {
  create(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }>;
  /** The session and its person in one read: every request makes it. */
  lookup(token: string): Promise<(StoredSession & { user: User }) | null>;
  /** Whether the session with this id (the token's hash) exists and has not run out. */
  isActive(sessionId: string): Promise<boolean>;
  destroy(token: string): Promise<void>;
  /** Ends every session of the person except `keepSessionId` (after a password change). */
  destroyOthers(userId: string, keepSessionId: string | null): Promise<void>;
}

export function createSqlSessionStore(
  { db }: Storage,
  now: () => Date = () => new Date(),
  ttlMs = SESSION_TTL_MS,
): SessionStore {
  return {
    async create(userId) {
      const token = newToken();
      const csrfToken = newToken();
      const created = now();
      const expiresAt = new Date(created.getTime() + ttlMs);
      await db.deleteFrom('sessions').where('expires_at', '<=', created.toISOString()).execute();
      await db
        .insertInto('sessions')
        .values({
          token_hash: hashToken(token),
          user_id: userId,
          csrf_token: csrfToken,
          created_at: created.toISOString(),
          expires_at: expiresAt.toISOString(),
        })
        .execute();
      return { token, csrfToken, expiresAt };
    },
    async lookup(token) {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select(['s.csrf_token', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.title'])
        .where('s.token_hash', '=', hashToken(token))
        .where('s.expires_at', '>', now().toISOString())
        .executeTakeFirst();
      if (!row) return null;
      return {
        userId: row.id,
        csrfToken: row.csrf_token,
        expiresAt: new Date(row.expires_at),
        user: { id: row.id, email: row.email, name: row.name, title: row.title },
      };
    },
    async isActive(sessionId) {
      const live = await db
        .selectFrom('sessions')
        .select((eb) => eb.lit(1).as('live'))
        .where('token_hash', '=', sessionId)
        .where('expires_at', '>', now().toISOString())
        .executeTakeFirst();
      return live !== undefined;
    },
    async destroy(token) {
      await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
    },
    async destroyOthers(userId, keepSessionId) {
      await db
        .deleteFrom('sessions')
        .where('user_id', '=', userId)
        .where('token_hash', '<>', keepSessionId ?? '')
        .execute();
    },
  };
}
