import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.js';
import { BackupRefused, backupSqlite } from './sqlite-backup.js';
import { POSTGRES_BACKUP_HINT, cliArgs, runFromInvocationDir } from './cli-support.js';

/**
 * `pnpm backup [--out DIR]`: a timestamped copy of the embedded database, taken while the
 * server runs. DATA_DIR as for the server; DIR defaults to BACKUP_DIR, else ./backups where the command was given.
 */
runFromInvocationDir();
const { values } = parseArgs({ args: cliArgs(), options: { out: { type: 'string' } } });
const config = configFromEnv();
if (config.databaseUrl) {
  console.error(POSTGRES_BACKUP_HINT);
  process.exit(2);
}
const outDir = path.resolve(values.out ?? process.env.BACKUP_DIR ?? 'backups');
try {
  const backup = await backupSqlite(config.dataDir, outDir);
  console.log(
    `Sikkerhetskopi skrevet: ${backup.file} (${Math.round(backup.bytes / 1024)} kB, migrering ${backup.schemaVersion})`,
  );
} catch (error) {
  console.error(error instanceof BackupRefused ? `Ingen sikkerhetskopi: ${error.message}` : error);
  process.exit(1);
}
