import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

export { isUniqueViolation } from './storage.js';

/** What the repositories are given: now exactly a `Storage`. */
export type SqlClient = Storage;

/** The locks a storage offers besides queries and transactions; absent on SQLite. */
export interface StorageLocks {
  exclusive?<T>(key: string, work: () => Promise<T>): Promise<T>;
  shareExclusive?(db: Kysely<Database>, key: string): Promise<void>;
  holdExclusive?(db: Kysely<Database>, keys: readonly string[]): Promise<void>;
}

/** A storage over `db` (the pool, or an open transaction when `inTransaction`). */
export function storageOn(
  dialect: 'sqlite' | 'postgres',
  db: Kysely<Database>,
  locks: StorageLocks,
  close: () => Promise<void>,
  inTransaction = false,
): Storage {
  const self: Storage = {
    dialect,
    db,
    transaction: inTransaction
      ? (work) => work(self)
      : (work) => db.transaction().execute((trx) => work(storageOn(dialect, trx, locks, close, true))),
    exclusive: locks.exclusive && ((key, work) => locks.exclusive!(key, work)),
    shareExclusive: locks.shareExclusive && ((key) => locks.shareExclusive!(db, key)),
    holdExclusive: locks.holdExclusive && ((...keys) => locks.holdExclusive!(db, keys)),
    close: inTransaction ? () => Promise.resolve() : close,
  };
  return self;
}
