import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import { sqliteDatabasePath } from './sqlite-file.js';
import { storageOn, type QueryObserver, type Storage } from './storage.js';

/**
 * The embedded database. WAL lets readers run beside the single writer; with
 * synchronous=NORMAL a committed transaction survives a killed process (kill -9), which is
 * the crash the product promises to survive; only a power cut may lose the last commits.
 */
export async function openSqlite(dataDir: string, options: { onQuery?: QueryObserver } = {}): Promise<Storage> {
  fs.mkdirSync(dataDir, { recursive: true });
  const raw = new BetterSqlite3(sqliteDatabasePath(dataDir));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const driver = new OneConnectionDriver(raw);
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
    log: options.onQuery && ((event) => options.onQuery!(event.query.sql)),
  });
  try {
    await migrate(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return storageOn('sqlite', db, {}, () => db.destroy());
}

/**
 * better-sqlite3's one connection, taken by one query or transaction at a time: while a
 * transaction awaits, nothing else may slip into it. Statements are prepared once and kept.
 */
class OneConnectionDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;
  readonly #connection: DatabaseConnection;

  constructor(private readonly raw: BetterSqlite3.Database) {
    const statements = new Map<string, BetterSqlite3.Statement>();
    this.#connection = {
      executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
        let statement = statements.get(sql);
        if (!statement) {
          statement = raw.prepare(sql);
          statements.set(sql, statement);
        }
        if (statement.reader) return Promise.resolve({ rows: statement.all(...parameters) as R[] });
        const { changes } = statement.run(...parameters);
        return Promise.resolve({ numAffectedRows: BigInt(changes), rows: [] });
      },
      streamQuery() {
        throw new Error('streaming is not used');
      },
    };
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#connection;
  }

  beginTransaction(): Promise<void> {
    // IMMEDIATE takes the write lock at once, so a transaction never fails half-way for
    // want of it (a backup's reader may hold the file).
    this.raw.exec('BEGIN IMMEDIATE');
    return Promise.resolve();
  }

  commitTransaction(): Promise<void> {
    this.raw.exec('COMMIT');
    return Promise.resolve();
  }

  rollbackTransaction(): Promise<void> {
    // SQLite rolls back by itself on some errors (disk full, I/O): a second ROLLBACK would
    // throw "no transaction is active" and hide the error that matters.
    if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
    return Promise.resolve();
  }

  releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    // After whatever holds the connection now.
    await this.acquireConnection();
    this.raw.close();
  }
}
