import type { Storage } from './storage.js';
import { openSqlite } from './sqlite-client.js';
import type { QueryObserver } from './storage.js';

/**
 * PostgreSQL when a `DATABASE_URL` is given (required for more than one instance), otherwise
 * the embedded SQLite file in `dataDir`. Both are migrated before this resolves.
 */
export async function openDatabase({
  databaseUrl,
  dataDir,
  onQuery,
}: {
  databaseUrl: string | null;
  dataDir: string;
  onQuery?: QueryObserver;
}): Promise<Storage> {
  // The PostgreSQL driver is loaded only when used, so the embedded default does not carry it.
  return databaseUrl
    ? (await import('./postgres-client.js')).openPostgres(databaseUrl, { onQuery })
    : openSqlite(dataDir, { onQuery });
}
