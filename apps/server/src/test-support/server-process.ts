import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDatabaseUrl } from './test-database.js';

const mainScript = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far (it is also passed through to the test's). */
  stderr(): string;
  /** Everything the server wrote to standard output so far (its log lines). */
  output(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGKILL: no shutdown hook runs, as in a crash. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The built server as its own process, so a test can kill it like a crash would. In the
 * PostgreSQL run the data directory stands for a schema: same directory, same data.
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const databaseUrl = await testDatabaseUrl(dataDir);
  const child = spawn(process.execPath, [mainScript], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: '',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
    process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 15_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    const announced = () => {
      // The startup line is a JSON log record: the address ends at a space or a quote.
      const match = /http:\/\/[^\s"]+/.exec(output);
      if (!match) return;
      child.stdout.off('data', announced);
      clearTimeout(timer);
      resolve({
        url: match[0],
        child,
        stderr: () => errors,
        output: () => output,
        exited,
        async crash() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', announced);
  });
}
