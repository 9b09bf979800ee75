import { CompiledQuery, type Kysely } from 'kysely';
import { numberPlaceholders } from './postgres-dialect.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

export { isUniqueViolation } from './storage.js';

/**
 * Transitional: the `?`-placeholder surface the repositories were first written against, now
 * run through Kysely. Repositories move to typed queries on `Storage.db` one by one; this
 * goes when the last has.
 */
export interface SqlClient extends Storage {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

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
): SqlClient {
  const text = dialect === 'postgres' ? numberPlaceholders : (sql: string) => sql;
  const execute = (sql: string, params: readonly unknown[] = []) =>
    db.executeQuery<unknown>(
      CompiledQuery.raw(
        text(sql),
        params.map((value) => value ?? null),
      ),
    );
  const self: SqlClient = {
    dialect,
    db,
    async all<T>(sql: string, params?: readonly unknown[]) {
      return (await execute(sql, params)).rows as T[];
    },
    async get<T>(sql: string, params?: readonly unknown[]) {
      return (await execute(sql, params)).rows[0] as T | undefined;
    },
    async run(sql, params) {
      return { changes: Number((await execute(sql, params)).numAffectedRows ?? 0) };
    },
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
