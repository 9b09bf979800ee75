import type { SqlClient } from '../db/sql-client.js';

/** Small facts about the installation itself, such as how far demo seeding got. */
export interface MetaStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export function createSqlMetaStore(sql: SqlClient): MetaStore {
  return {
    async get(key) {
      return (await sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value ?? null;
    },
    async set(key, value) {
      await sql.run(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
  };
}
