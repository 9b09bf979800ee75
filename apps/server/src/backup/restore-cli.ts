import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../config.js';
import { BackupRefused, restoreSqlite } from './sqlite-backup.js';
import { POSTGRES_BACKUP_HINT, cliArgs, runFromInvocationDir } from './cli-support.js';

/**
 * `pnpm restore <fil> [--force]`: puts a backup in place as DATA_DIR's database. Stop the
 * server first. Refuses a DATA_DIR that has a database unless --force (which moves it aside).
 */
runFromInvocationDir();
const { values, positionals } = parseArgs({
  args: cliArgs(),
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const config = configFromEnv();
if (config.databaseUrl) {
  console.error(POSTGRES_BACKUP_HINT);
  process.exit(2);
}
if (positionals.length !== 1) {
  console.error('Bruk: pnpm restore <sikkerhetskopi.db> [--force]');
  process.exit(2);
}
try {
  const restored = restoreSqlite(path.resolve(positionals[0]!), config.dataDir, { force: values.force });
  if (restored.movedAside) console.log(`Den gamle databasen er lagt til side i ${restored.movedAside}`);
  console.log(`Gjenopprettet til ${config.dataDir} (migrering ${restored.schemaVersion}); start serveren.`);
} catch (error) {
  console.error(error instanceof BackupRefused ? `Ikke gjenopprettet: ${error.message}` : error);
  process.exit(1);
}
