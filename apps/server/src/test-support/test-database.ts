import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../db/postgres-client.js';
import type { Storage } from '../db/storage.js';
import { openSqlite } from '../db/sqlite-client.js';
import { makeTempDir } from './temp-dir.js';

/**
 * Which adapter the suite runs against: `SAMRAAD_TEST_DB=postgres` for PostgreSQL (the
 * package's `test` script runs the suite once each way), SQLite otherwise.
 */
export const TEST_DB: 'sqlite' | 'postgres' = process.env.SAMRAAD_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** The server the PostgreSQL run uses; each test gets its own schema in it. */
export const TEST_POSTGRES_URL = process.env.SAMRAAD_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.SAMRAAD_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Test schemas are named t_<creation time>_<random>, so old ones can be found and dropped. */
export const TEST_SCHEMA_PREFIX = 't_';

/** A new, empty schema and a DATABASE_URL whose connections use it (through search_path). */
export async function createTestSchemaUrl(): Promise<string> {
  const schema = `${TEST_SCHEMA_PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

const urlsByDataDir = new Map<string, Promise<string>>();

/**
 * The DATABASE_URL for a test's data directory in the PostgreSQL run (null in the SQLite
 * run): the same directory always maps to the same schema, so restart tests that start a
 * server again "on the same data" do so on both adapters.
 */
export function testDatabaseUrl(dataDir: string): Promise<string | null> {
  if (TEST_DB !== 'postgres') return Promise.resolve(null);
  let url = urlsByDataDir.get(dataDir);
  if (!url) {
    url = createTestSchemaUrl();
    urlsByDataDir.set(dataDir, url);
  }
  return url;
}

/** A fresh, migrated, empty database for one test, on the adapter this run tests. */
export async function openTestSql(): Promise<Storage> {
  const dataDir = makeTempDir();
  const url = await testDatabaseUrl(dataDir);
  return url ? openPostgres(url) : openSqlite(dataDir);
}
