import fs from 'node:fs';
import Database from 'better-sqlite3';
import { SerialQueue } from '../lib/serial-queue.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { sqliteDatabasePath } from './sqlite-file.js';
import type { SqlClient } from './sql-client.js';

/**
 * The embedded database. WAL lets readers run beside the single writer; with
 * synchronous=NORMAL a committed transaction survives a killed process (kill -9), which is
 * the crash the product promises to survive; only a power cut may lose the last commits.
 */
export function openSqlite(dataDir: string): SqlClient {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(sqliteDatabasePath(dataDir));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return sqliteClient(db);
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function sqliteClient(db: Database.Database): SqlClient {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  // One connection: while a transaction awaits, nothing else may slip into it.
  const lock = new SerialQueue();
  const direct: SqlClient = {
    dialect: 'sqlite',
    all<T>(sql: string, params: readonly unknown[] = []) {
      return settle(() => prepare(sql).all(...params) as T[]);
    },
    get<T>(sql: string, params: readonly unknown[] = []) {
      return settle(() => prepare(sql).get(...params) as T | undefined);
    },
    run(sql, params = []) {
      return settle(() => ({ changes: prepare(sql).run(...params).changes }));
    },
    transaction() {
      throw new Error('nested transactions are not supported');
    },
    async close() {},
  };
  return {
    dialect: 'sqlite',
    all: (sql, params) => lock.run(() => direct.all(sql, params)),
    get: (sql, params) => lock.run(() => direct.get(sql, params)),
    run: (sql, params) => lock.run(() => direct.run(sql, params)),
    transaction: (work) =>
      lock.run(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // SQLite rolls back by itself on some errors (disk full, I/O): a second ROLLBACK
          // would throw "no transaction is active" and hide the error that matters.
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    close: () =>
      lock.run(() => {
        db.close();
      }),
  };
}

/** better-sqlite3 answers at once; a throw becomes a rejection, as the async SqlClient promises. */
function settle<T>(call: () => T): Promise<T> {
  return new Promise((resolve) => resolve(call()));
}
