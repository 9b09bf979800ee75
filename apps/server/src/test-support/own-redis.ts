import { spawn, type ChildProcess } from 'node:child_process';
import { sparePort } from './spare-port.js';

/**
 * A Redis of the test's own, on a spare port, that the test may stop, kill and start again to
 * play an outage. Never the machine's shared Redis on 6379.
 */
export interface OwnRedis {
  port: number;
  /** `redis://[:password@]127.0.0.1:port` */
  url: string;
  /** Starts it again on the same port (after stop or kill). Empty: nothing is saved. */
  start(): Promise<void>;
  /** SIGTERM: an orderly stop; clients see their connections closed. */
  stop(): Promise<void>;
  /** SIGKILL: gone at once, as in a crash. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: still listening but not answering, as a hung server. */
  pause(): void;
  resume(): void;
  /** Stops it for good; call in afterAll. */
  destroy(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 15_000;

export async function startOwnRedis({ password }: { password?: string } = {}): Promise<OwnRedis> {
  const port = await sparePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  // A test that dies midway must not leave its Redis running.
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);

  const start = async () => {
    if (child) throw new Error(`own Redis on ${port} is already running`);
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ];
    if (password) args.push('--requirepass', password);
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        if (child === started) child = null;
        resolve();
      }),
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`own Redis did not start on ${port}:\n${output}`)),
        STARTUP_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!output.includes('Ready to accept connections')) return;
        clearTimeout(timer);
        started.stdout.off('data', onData);
        started.stdout.resume();
        resolve();
      };
      started.stdout.on('data', onData);
      started.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`own Redis exited with ${code} on ${port}:\n${output}`));
      });
    });
  };

  const signal = async (name: NodeJS.Signals) => {
    const running = child;
    if (!running) return;
    running.kill('SIGCONT');
    running.kill(name);
    await exited;
  };

  await start();
  return {
    port,
    url: `redis://${password ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async destroy() {
      await signal('SIGKILL');
      process.off('exit', onExit);
    },
  };
}
