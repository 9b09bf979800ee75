import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sparePort } from './spare-port.js';
import { makeTempDir } from './temp-dir.js';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary folder, a spare port, trust
 * authentication for user `postgres`), which the test may stop and start to play an outage.
 * Never the machine's shared cluster on 5432. PostgreSQL refuses to run as root, so every
 * command runs as the `postgres` system user; its files are owned by it, the data folder with
 * mode 700 as initdb requires. fsync is off: these clusters hold test data only, and a stop
 * (even `immediate`) is not an operating-system crash, so nothing committed is lost to it.
 */
export interface OwnPostgres {
  port: number;
  /** `postgres://postgres@127.0.0.1:port/<database>` (default database `postgres`). */
  url(database?: string): string;
  /** Starts the stopped cluster again, on the same port and data. */
  start(): Promise<void>;
  /** `fast` disconnects clients and shuts down cleanly; `immediate` is as abrupt as a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops it and removes its files; call in afterAll. */
  destroy(): Promise<void>;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries in ${root} (apt-get install postgresql)`);
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0]!, 'bin');
}

function asPostgres(command: string, args: string[]) {
  return run('runuser', ['-u', 'postgres', '--', command, ...args], { timeout: 60_000 });
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBin();
  const base = makeTempDir('samraad-pg-');
  const dataDir = path.join(base, 'data');
  const socketDir = path.join(base, 'socket');
  const logFile = path.join(base, 'postgres.log');
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.mkdirSync(socketDir, { mode: 0o700 });
  fs.chmodSync(base, 0o755);
  await run('chown', ['-R', 'postgres:postgres', base]);
  const port = await sparePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  let running = false;

  const withLog = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
      throw new Error(`own PostgreSQL on ${port}: ${what} failed: ${(error as Error).message}\n${log}`, {
        cause: error,
      });
    }
  };

  const start = async () => {
    await withLog('start', () =>
      asPostgres(pgCtl, [
        '-D',
        dataDir,
        '-l',
        logFile,
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
        'start',
      ]),
    );
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    await withLog(`stop (${mode})`, () => asPostgres(pgCtl, ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']));
    running = false;
  };
  // A test that dies midway must not leave its cluster running.
  const onExit = () => {
    if (running) spawnSync('runuser', ['-u', 'postgres', '--', pgCtl, '-D', dataDir, '-m', 'immediate', 'stop']);
    fs.rmSync(base, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  try {
    await withLog('initdb', () =>
      asPostgres(path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]),
    );
    await start();
  } catch (error) {
    onExit();
    process.off('exit', onExit);
    throw error;
  }

  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    async restart(mode = 'fast') {
      await stop(mode);
      await start();
    },
    async destroy() {
      await stop('immediate').catch(() => undefined);
      process.off('exit', onExit);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
