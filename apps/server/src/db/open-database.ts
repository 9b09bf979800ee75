import type { SqlClient } from './sql-client.js';
import { openSqlite } from './sqlite-client.js';

/**
 * PostgreSQL when a `DATABASE_URL` is given (required for more than one instance), otherwise
 * the embedded SQLite file in `dataDir`. Both are migrated before this resolves.
 */
export async function openDatabase({
  databaseUrl,
  dataDir,
}: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<SqlClient> {
  // The PostgreSQL driver is loaded only when used, so the embedded default does not carry it.
  return databaseUrl ? (await import('./postgres-client.js')).openPostgres(databaseUrl) : openSqlite(dataDir);
}
