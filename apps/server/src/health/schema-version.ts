import { SQLITE_MIGRATIONS } from '../db/migrations.js';
import type { SqlClient } from '../db/sql-client.js';

/** The migrations this build knows; a database at this version is fully migrated for it. */
export const EXPECTED_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/**
 * The migration the database is at, as each adapter records it (SQLite: `user_version`,
 * PostgreSQL: `schema_migrations`). Cheap enough to be the readiness probe's trivial query.
 */
export async function schemaVersion(sql: SqlClient): Promise<number> {
  if (sql.dialect === 'sqlite') {
    const row = await sql.get<{ user_version: number }>('PRAGMA user_version');
    return Number(row?.user_version ?? 0);
  }
  const row = await sql.get<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return Number(row?.version ?? 0);
}
