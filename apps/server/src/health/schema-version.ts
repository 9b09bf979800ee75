import { MIGRATIONS } from '../db/migrations.js';
import { postgresVersion, sqliteVersion } from '../db/migrate.js';
import type { Storage } from '../db/storage.js';

/** The migrations this build knows; a database at this version is fully migrated for it. */
export const EXPECTED_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The migration the database is at, as each adapter records it (SQLite: `user_version`,
 * PostgreSQL: `schema_migrations`). Cheap enough to be the readiness probe's trivial query.
 */
export function schemaVersion(storage: Storage): Promise<number> {
  return storage.dialect === 'sqlite' ? sqliteVersion(storage.db) : postgresVersion(storage.db);
}
