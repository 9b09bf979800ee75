import path from 'node:path';

/** The embedded database's file in DATA_DIR (with its `-wal` and `-shm` companions in WAL mode). */
export const SQLITE_DATABASE_FILE = 'samraad.db';

export function sqliteDatabasePath(dataDir: string): string {
  return path.join(dataDir, SQLITE_DATABASE_FILE);
}
