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
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

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
  const client = await pool.connect();
  try {
    // Keyed by schema: test files migrating their own schemas do not wait for each other.
    await client.query(`SELECT pg_advisory_lock(hashtext('samraad-migrations:' || coalesce(current_schema(), '')))`);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      for (let version = rows[0]?.version ?? 0; version < SQLITE_MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(sqliteMigrationToPostgres(SQLITE_MIGRATIONS[version]!));
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migrering ${version + 1} feilet i PostgreSQL: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('samraad-migrations:' || coalesce(current_schema(), '')))`);
    }
  } finally {
    client.release();
  }
}

/** Uint8Arrays that are not Buffers go in as BYTEA too. */
function toParams(params: readonly unknown[]): unknown[] {
  return params.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : (value ?? null),
  );
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
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(on(client, true));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true;
          });
          throw error;
        }
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: drop it, do not reuse it.
        client.release(broken);
      }
    },
    async shareExclusive(key) {
      await queryable.query("SELECT pg_advisory_xact_lock_shared(hashtext($1 || ':' || coalesce(current_schema(), '')))", [key]);
    },
    async exclusive(key, work) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(hashtext($1 || ':' || coalesce(current_schema(), '')))", [key]);
        try {
          return await work();
        } finally {
          await client.query("SELECT pg_advisory_unlock(hashtext($1 || ':' || coalesce(current_schema(), '')))", [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (inTransaction) return;
      await pool.end();
    },
  });
  return on(pool, false);
}
