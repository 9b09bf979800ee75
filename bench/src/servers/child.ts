/** Servers run as child processes, so each one's RSS is its own and none shares the load generator's heap. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { sleep } from '../metrics.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildSpec {
  script: string;
  env: Record<string, string>;
  /** Polled over HTTP until it answers, to know the server listens. */
  readyUrl: string;
  logFile: string;
  cwd?: string;
}

export class ChildServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly spec: ChildSpec) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('server is not running');
    return this.child.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const log = fs.openSync(this.spec.logFile, 'a');
    // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the servers.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, this.spec.script], {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env, NODE_ENV: 'production' },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${this.spec.script} exited with ${child.exitCode}; see ${this.spec.logFile}`);
      try {
        const response = await fetch(this.spec.readyUrl);
        await response.arrayBuffer();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`${this.spec.script} did not start; see ${this.spec.logFile}`);
        await sleep(100);
      }
    }
  }

  async stop(timeoutMs = 20_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
    this.child = null;
  }
}
