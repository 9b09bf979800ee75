import pg from 'pg';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { numberPlaceholders, sqliteMigrationToPostgres } from './postgres-dialect.js';
import type { SqlClient } from './sql-client.js';
import { logger } from '../logging/logger.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Counts and BIGINT/BIGSERIAL columns come back from PostgreSQL as strings (they may exceed
 * 2^53); the repositories count rows and ids far below that, and expect numbers as SQLite gives.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as unknown;
  },
};

/**
 * The shared database for several server instances. `DATABASE_URL` is a libpq-style URL;
 * `?options=-c%20search_path%3Dname` picks a schema (the tests give each file its own).
 * Migrations run at start under an advisory lock, so instances starting together take turns.
 */
export async function openPostgres(url: string): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client losing its connection must not take the process down; the next query
  // gets a fresh connection or fails and is reported where it was made.
  pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL-tilkobling feilet'));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return postgresClient(pool);
}

async function migrate(pool: pg.Pool): Promise<void> {
  const checkout = await checkOut(pool);
  const { client } = checkout;
  try {
    // Keyed by schema: test files migrating their own schemas do not wait for each other.
    await client.query(`SELECT pg_advisory_lock(hashtext('samraad-migrations:' || coalesce(current_schema(), '')))`);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      for (let version = rows[0]?.version ?? 0; version < SQLITE_MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(sqliteMigrationToPostgres(SQLITE_MIGRATIONS[version]!));
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
            version + 1,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migrering ${version + 1} feilet i PostgreSQL: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }
    } finally {
      await client.query(
        `SELECT pg_advisory_unlock(hashtext('samraad-migrations:' || coalesce(current_schema(), '')))`,
      );
    }
  } finally {
    checkout.release();
  }
}

/** Uint8Arrays that are not Buffers go in as BYTEA too. */
function toParams(params: readonly unknown[]): unknown[] {
  return params.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value)
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : (value ?? null),
  );
}

interface CheckedOut {
  client: pg.PoolClient;
  markBroken(): void;
  release(): void;
}

/**
 * A connection taken from the pool for a transaction or a lock. The pool listens for errors
 * only on idle connections; one that breaks while checked out (PostgreSQL stopped, network
 * cut) emits 'error' with no listener, which would end the process. Here the error marks
 * the connection broken: the query in flight fails where it was made, and the connection is
 * destroyed on release instead of going back to the pool.
 */
async function checkOut(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  return {
    client,
    markBroken: onError,
    release() {
      client.off('error', onError);
      // A late 'error' from a destroyed connection still needs a listener.
      if (broken) client.on('error', () => undefined);
      client.release(broken);
    },
  };
}

function postgresClient(pool: pg.Pool): SqlClient {
  const translated = new Map<string, string>();
  const text = (sql: string) => {
    let pgSql = translated.get(sql);
    if (pgSql === undefined) {
      pgSql = numberPlaceholders(sql);
      translated.set(sql, pgSql);
    }
    return pgSql;
  };
  const on = (queryable: pg.Pool | pg.PoolClient, inTransaction: boolean): SqlClient => ({
    dialect: 'postgres',
    async all<T>(sql: string, params: readonly unknown[] = []) {
      return (await queryable.query(text(sql), toParams(params))).rows as T[];
    },
    async get<T>(sql: string, params: readonly unknown[] = []) {
      return (await queryable.query(text(sql), toParams(params))).rows[0] as T | undefined;
    },
    async run(sql, params = []) {
      return { changes: (await queryable.query(text(sql), toParams(params))).rowCount ?? 0 };
    },
    async transaction(work) {
      if (inTransaction) throw new Error('nested transactions are not supported');
      const checkout = await checkOut(pool);
      const { client } = checkout;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(on(client, true));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => checkout.markBroken());
          throw error;
        }
      } finally {
        checkout.release();
      }
    },
    async shareExclusive(key) {
      await queryable.query(
        "SELECT pg_advisory_xact_lock_shared(hashtext($1 || ':' || coalesce(current_schema(), '')))",
        [key],
      );
    },
    async holdExclusive(key) {
      await queryable.query("SELECT pg_advisory_xact_lock(hashtext($1 || ':' || coalesce(current_schema(), '')))", [
        key,
      ]);
    },
    async exclusive(key, work) {
      const checkout = await checkOut(pool);
      const { client } = checkout;
      try {
        await client.query("SELECT pg_advisory_lock(hashtext($1 || ':' || coalesce(current_schema(), '')))", [key]);
        try {
          return await work();
        } finally {
          // A session that cannot unlock is dropped: closing it releases the lock.
          await client
            .query("SELECT pg_advisory_unlock(hashtext($1 || ':' || coalesce(current_schema(), '')))", [key])
            .catch(() => checkout.markBroken());
        }
      } finally {
        checkout.release();
      }
    },
    async close() {
      if (inTransaction) return;
      await pool.end();
    },
  });
  return on(pool, false);
}
