import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteDatabasePath } from '../db/sqlite-file.js';
import { EXPECTED_SCHEMA_VERSION } from '../health/schema-version.js';

/** A backup or restore that was not made, with the reason in Norwegian for the operator. */
export class BackupRefused extends Error {}

export interface CheckedDatabase {
  /** The migration the file is at. */
  schemaVersion: number;
  bytes: number;
}

/** `samraad-2026-11-29T18-45-12-345Z.db`: sorts by time, and no colons for other file systems. */
export function backupFileName(now = new Date()): string {
  return `samraad-${now.toISOString().replace(/:/g, '-').replace('.', '-')}.db`;
}

/**
 * Checks that `file` is a whole Samråd database this build can open: SQLite's own integrity
 * check passes, it has the tables, and it is not from a newer build (whose migrations this
 * one does not know).
 */
export function checkDatabaseFile(file: string): CheckedDatabase {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupRefused(`${file} kan ikke åpnes som en SQLite-database: ${(error as Error).message}`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupRefused(`${file} er skadet: ${String(integrity)}`);
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const hasCases = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'").get();
    if (schemaVersion === 0 || !hasCases) throw new BackupRefused(`${file} er ikke en Samråd-database`);
    if (schemaVersion > EXPECTED_SCHEMA_VERSION) {
      throw new BackupRefused(
        `${file} er fra en nyere versjon av Samråd (migrering ${schemaVersion}, denne kjenner ${EXPECTED_SCHEMA_VERSION})`,
      );
    }
    return { schemaVersion, bytes: fs.statSync(file).size };
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`${file} kan ikke leses: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/**
 * Copies the embedded database in DATA_DIR to a new timestamped file in `outDir`, while the
 * server runs: SQLite's online backup reads one consistent state (in WAL mode the writer is
 * not held up). The copy is written under a temporary name, checked, and only then given its
 * final name, so a file with a backup's name is always a whole backup.
 */
export async function backupSqlite(
  dataDir: string,
  outDir: string,
  now = new Date(),
): Promise<{ file: string } & CheckedDatabase> {
  const source = sqliteDatabasePath(dataDir);
  if (!fs.existsSync(source))
    throw new BackupRefused(`det finnes ingen database i ${dataDir} (${path.basename(source)})`);
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, backupFileName(now));
  if (fs.existsSync(file)) throw new BackupRefused(`${file} finnes allerede`);
  const partial = `${file}.part`;
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: copied in small steps, a backup restarts every time
    // the server commits in between, and a busy server commits many times a second.
    await db.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  try {
    // The copy carries the server's WAL mode; as a plain journal it is one self-contained
    // file, and the server turns WAL on again when it opens a restored copy.
    const copy = new Database(partial, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const checked = checkDatabaseFile(partial);
    fs.renameSync(partial, file);
    return { file, ...checked };
  } catch (error) {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
    throw error;
  }
}

/** The database and its WAL companions, as SQLite names them. */
function databaseFiles(dataDir: string): string[] {
  const main = sqliteDatabasePath(dataDir);
  return [main, `${main}-wal`, `${main}-shm`];
}

/**
 * Puts a backup in place as DATA_DIR's database; the server must be stopped. A DATA_DIR that
 * already has a database is refused unless `force`: then its files are moved aside into
 * `DATA_DIR/før-gjenoppretting-<time>/`, never deleted. A stale `-wal` next to the restored
 * file would be replayed into it by SQLite, so none is left behind.
 */
export function restoreSqlite(
  backupFile: string,
  dataDir: string,
  { force = false, now = new Date() } = {},
): { movedAside: string | null } & CheckedDatabase {
  const checked = checkDatabaseFile(backupFile);
  fs.mkdirSync(dataDir, { recursive: true });
  const present = databaseFiles(dataDir).filter((file) => fs.existsSync(file));
  let movedAside: string | null = null;
  if (present.length > 0) {
    if (!force)
      throw new BackupRefused(
        `${dataDir} har allerede en database; stopp serveren og bruk --force for å legge den til side`,
      );
    movedAside = path.join(dataDir, `før-gjenoppretting-${now.toISOString().replace(/:/g, '-')}`);
    fs.mkdirSync(movedAside);
    for (const file of present) fs.renameSync(file, path.join(movedAside, path.basename(file)));
  }
  const target = sqliteDatabasePath(dataDir);
  const partial = `${target}.part`;
  fs.copyFileSync(backupFile, partial);
  fs.renameSync(partial, target);
  return { movedAside, ...checked };
}
