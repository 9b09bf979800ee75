import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, columnTypes } from './migrations.js';
import type { Database } from './schema.js';

/**
 * Brings the database up to the last of `MIGRATIONS`, each in its own transaction with the
 * record that it ran. Databases record a count, as the earlier runner did, so one it created
 * carries on where it stopped: SQLite in `PRAGMA user_version`, PostgreSQL in
 * `schema_migrations` (one row per migration, numbered from 1). On PostgreSQL the run holds
 * an advisory lock, so instances starting together take turns.
 */
export async function migrate(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const t = columnTypes(dialect);
  if (dialect === 'sqlite') {
    const applied = await sqliteVersion(db);
    for (let version = applied; version < MIGRATIONS.length; version++) {
      await db.transaction().execute(async (trx) => {
        await run(version, trx);
        await sql`PRAGMA user_version = ${sql.raw(String(version + 1))}`.execute(trx);
      });
    }
    return;
  }
  async function run(version: number, trx: Kysely<Database>) {
    try {
      await MIGRATIONS[version]!.up(trx, t);
    } catch (error) {
      throw new Error(`migrering ${version + 1} (${MIGRATIONS[version]!.name}) feilet: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  // Keyed by schema: test files migrating their own schemas do not wait for each other.
  const key = sql`hashtext('samraad-migrations:' || coalesce(current_schema(), ''))`;
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${key})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(
        conn,
      );
      const applied = await postgresVersion(conn);
      for (let version = applied; version < MIGRATIONS.length; version++) {
        await conn.transaction().execute(async (trx) => {
          await run(version, trx);
          await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${version + 1}, ${new Date().toISOString()})`.execute(
            trx,
          );
        });
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

export async function sqliteVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return Number(rows[0]?.user_version ?? 0);
}

export async function postgresVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ version: number | null }>`SELECT max(version) AS version FROM schema_migrations`.execute(
    db,
  );
  return Number(rows[0]?.version ?? 0);
}
