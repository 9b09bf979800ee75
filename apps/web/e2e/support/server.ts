import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serverMain, webDist } from './paths.js';

export interface RunningServer {
  /** Base URL of the app and its API, e.g. http://127.0.0.1:41234 */
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  /** A fixed port (the component tests' Vite proxy points at one); a free one by default. */
  port?: number;
  /** Serve the built web app (the e2e tests) or the API only (the component tests). */
  serveWeb?: boolean;
}

/**
 * Runs the real, built server on a fresh data directory (so it seeds the demo cases), by
 * default serving the built web app, exactly as in production.
 */
export async function startServer(
  env: Record<string, string> = {},
  { port: fixedPort, serveWeb = true }: ServerOptions = {},
): Promise<RunningServer> {
  const required = serveWeb ? [serverMain, path.join(webDist, 'index.html')] : [serverMain];
  for (const file of required) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the server and the web app first`);
  }
  const port = fixedPort ?? (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samraad-e2e-'));
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIST: serveWeb ? webDist : '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code}:\n${output}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('http://')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });

  return {
    // The server announces "localhost"; the browser should not have to guess IPv4 or IPv6.
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
