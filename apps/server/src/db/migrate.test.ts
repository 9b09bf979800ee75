import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LEGACY_POSTGRES_MIGRATIONS, LEGACY_SQLITE_MIGRATIONS } from '../test-support/legacy-schema.js';
import { TEST_DB, createTestSchemaUrl, openTestSql } from '../test-support/test-database.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { MIGRATIONS } from './migrations.js';
import { openPostgres } from './postgres-client.js';
import { sqliteDatabasePath } from './sqlite-file.js';
import { openSqlite } from './sqlite-client.js';
import type { Storage } from './storage.js';
import { schemaVersion } from '../health/schema-version.js';

/** A database exactly as the earlier runner left it after its 15 migrations, with a row in it. */
async function openLegacyDatabase(): Promise<Storage> {
  if (TEST_DB === 'sqlite') {
    const dataDir = makeTempDir();
    const raw = new BetterSqlite3(sqliteDatabasePath(dataDir));
    LEGACY_SQLITE_MIGRATIONS.forEach((migration, index) => {
      raw.exec(migration);
      raw.pragma(`user_version = ${index + 1}`);
    });
    raw.prepare("INSERT INTO communities (id, name, hospital_name) VALUES ('c', 'Fellesskap', 'HF')").run();
    raw.close();
    return openSqlite(dataDir);
  }
  const url = await createTestSchemaUrl();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const [index, migration] of LEGACY_POSTGRES_MIGRATIONS.entries()) {
      await client.query(migration);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        index + 1,
        new Date().toISOString(),
      ]);
    }
    await client.query("INSERT INTO communities (id, name, hospital_name) VALUES ('c', 'Fellesskap', 'HF')");
  } finally {
    await client.end();
  }
  return openPostgres(url);
}

/** Tables, columns, keys and indexes, in a form that compares across two databases. */
async function describeSchema(storage: Storage): Promise<unknown> {
  if (storage.dialect === 'sqlite') {
    const tables = await storage.db
      .selectFrom('sqlite_master' as never)
      .select(['name' as never, 'type' as never])
      .where('name' as never, 'not like', 'sqlite_%' as never)
      .orderBy('name' as never)
      .execute();
    const described: Record<string, unknown> = {};
    for (const { name, type } of tables as { name: string; type: string }[]) {
      if (type !== 'table') {
        described[name] = type;
        continue;
      }
      type Row = Record<string, string | number | null>;
      const pragma = async (what: string) => (await sql.raw<Row>(`PRAGMA ${what}(${name})`).execute(storage.db)).rows;
      described[name] = {
        columns: (await pragma('table_info')).map((c) => [
          c.name,
          String(c.type).toUpperCase(),
          c.notnull,
          c.dflt_value,
          c.pk,
        ]),
        foreignKeys: (await pragma('foreign_key_list')).map((f) => [f.table, f.from, f.to, f.on_delete]),
        indexes: (await pragma('index_list')).map((i) => [i.unique, i.origin, i.partial]).sort(),
      };
    }
    return described;
  }
  const query = async (text: string) => (await sql.raw(text).execute(storage.db)).rows;
  return {
    columns: await query(`SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name`),
    constraints: await query(`SELECT conrelid::regclass::text AS on_table, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2`),
    indexes: await query(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() ORDER BY 1, 2`),
  };
}

describe(`migrations on ${TEST_DB}`, () => {
  it('bring a database made by the earlier runner to the same schema as a new one, keeping its rows', async () => {
    const legacy = await openLegacyDatabase();
    const fresh = await openTestSql();
    try {
      expect(await schemaVersion(legacy)).toBe(MIGRATIONS.length);
      expect(await schemaVersion(fresh)).toBe(MIGRATIONS.length);
      const normalise = (schema: unknown) =>
        JSON.parse(JSON.stringify(schema).replace(/t_\d+_[0-9a-f]+\./g, '')) as unknown;
      const upgraded = normalise(await describeSchema(legacy));
      expect(JSON.stringify(upgraded)).toContain('section_version_authors');
      expect(upgraded).toEqual(normalise(await describeSchema(fresh)));
      expect(await legacy.db.selectFrom('communities').select('name').execute()).toEqual([{ name: 'Fellesskap' }]);
    } finally {
      await legacy.close();
      await fresh.close();
    }
  });

  it('runs on a migrated database without touching it again', async () => {
    const dataDir = makeTempDir();
    const url = TEST_DB === 'postgres' ? await createTestSchemaUrl() : null;
    const open = () => (url ? openPostgres(url) : openSqlite(dataDir));
    const first = await open();
    await first.db.insertInto('meta').values({ key: 'k', value: 'v' }).execute();
    await first.close();
    const again = await open();
    try {
      expect(await schemaVersion(again)).toBe(MIGRATIONS.length);
      expect(await again.db.selectFrom('meta').selectAll().execute()).toEqual([{ key: 'k', value: 'v' }]);
    } finally {
      await again.close();
    }
  });
});
