/**
 * The narrow SQL surface every repository is written against, once, for both databases.
 * Statements use `?` placeholders and SQL that SQLite and PostgreSQL both accept
 * (ON CONFLICT upserts, no dialect functions); the PostgreSQL client renumbers them.
 */
export interface SqlClient {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
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
   * Inside a transaction: waits until no other process runs or shares `key`, then holds it
   * exclusively until the transaction ends (PostgreSQL: a transaction-level advisory lock on
   * the same key as `exclusive`). Absent where one process owns the database (SQLite).
   */
  holdExclusive?(key: string): Promise<void>;
  close(): Promise<void>;
}

/** True when a write failed on a UNIQUE or PRIMARY KEY constraint, in either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const code = String(error.code);
  return code.startsWith('SQLITE_CONSTRAINT') || code === '23505';
}

/**
 * The client of an open transaction, for repositories that open their own transaction for a
 * multi-statement write: here such a write joins the enclosing transaction instead (both
 * databases refuse to nest), so several repositories' writes commit or roll back as one.
 */
export function joinTransaction(tx: SqlClient): SqlClient {
  const joined: SqlClient = { ...tx, transaction: (work) => work(joined) };
  return joined;
}
