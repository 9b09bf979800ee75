import type { SqlClient } from '../db/sql-client.js';
import { openSqlite } from '../db/sqlite-client.js';
import { makeTempDir } from './temp-dir.js';

/** A fresh, migrated, empty database for one test. */
export async function openTestSql(): Promise<SqlClient> {
  return openSqlite(makeTempDir());
}
