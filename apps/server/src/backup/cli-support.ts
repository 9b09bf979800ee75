/**
 * pnpm runs a package's scripts in the package's folder; paths the operator typed (a backup
 * file, a relative DATA_DIR) mean the folder the command was given in, which pnpm passes on
 * as INIT_CWD.
 */
export function runFromInvocationDir(): void {
  const invokedIn = process.env.INIT_CWD;
  if (invokedIn) process.chdir(invokedIn);
}

export const POSTGRES_BACKUP_HINT =
  'DATABASE_URL er satt: PostgreSQL sikkerhetskopieres med pg_dump og gjenopprettes med pg_restore (se README, «Drift»).';

/** The command's arguments; a `--` that pnpm passed through as it is (`pnpm backup -- --out x`) is dropped. */
export function cliArgs(): string[] {
  return process.argv.slice(2).filter((arg) => arg !== '--');
}
