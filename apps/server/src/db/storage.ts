import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The database every repository is written against, once, for both SQLite and PostgreSQL:
 * Kysely's typed queries on `db`, units of work through `transaction`.
 */
export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /** Queries run here; inside `transaction`, on that transaction's connection. */
  readonly db: Kysely<Database>;
  /**
   * Runs `work` as one transaction on one connection: everything written through `tx` commits
   * together or not at all. Called on a `tx`, it joins the enclosing transaction (neither
   * database nests), so several repositories' writes make one unit of work. Publish events
   * after this resolves, never inside `work`. Inside `work`, query only through `tx`: on
   * SQLite the transaction holds the one connection, and anything else waits for it forever.
   */
  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while no other process sharing this database runs work under the same key
   * (PostgreSQL: an advisory lock). Absent where one process owns the database (SQLite).
   */
  exclusive?<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: waits while another process runs `exclusive(key)`, and keeps such
   * work from starting until this transaction ends (PostgreSQL: a shared advisory lock on the
   * same key). Absent where one process owns the database (SQLite).
   */
  shareExclusive?(key: string): Promise<void>;
  /**
   * Inside a transaction: waits until no other process runs or shares each key, then holds it
   * exclusively until the transaction ends (PostgreSQL: transaction-level advisory locks on
   * the same keys as `exclusive`, taken in the order given, in one statement). Absent where
   * one process owns the database (SQLite).
   */
  holdExclusive?(...keys: string[]): Promise<void>;
  close(): Promise<void>;
}

/** True when a write failed on a UNIQUE or PRIMARY KEY constraint, in either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('SQLITE_CONSTRAINT') || code === '23505';
}

/** Called with each statement's SQL as it runs, for tests that count statements. */
export type QueryObserver = (sql: string) => void;

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
