import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/dist/main.js');

/**
 * Vitest global setup for the component tests: the real, built server (API only, demo data on
 * a fresh data directory) on the port the test page's Vite server proxies /api and /ws to, so
 * components and hooks talk to it from their own origin exactly as in development.
 */
export default async function startRealServer(): Promise<() => Promise<void>> {
  const port = process.env['SAMRAAD_COMPONENT_SERVER_PORT'];
  if (!port) throw new Error('vitest.config.ts sets SAMRAAD_COMPONENT_SERVER_PORT');
  if (!fs.existsSync(serverMain)) throw new Error(`${serverMain} is missing: pnpm --filter @samraad/server... build`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samraad-component-'));
  const child = spawn(process.execPath, [serverMain], {
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_DIST: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
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
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
