import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/yjs-client.js';
import type { Fanout, FanoutMessage } from './fanout.js';
import { createRedisFanout } from './redis-fanout.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A private Redis, so the test can stop and restart it without touching anyone else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return child;
    // Polling a process we started until it listens; the loop ends on the connection, not the time.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('redis-server did not start');
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe.skipIf(!hasRedis)('Redis fan-out', () => {
  it('delivers to other instances only, and reports a gap after Redis comes back', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    cleanup.push(() => redis.kill('SIGKILL'));
    const url = `redis://127.0.0.1:${port}`;
    const a: Fanout = await createRedisFanout(url, 'a');
    const b: Fanout = await createRedisFanout(url, 'b');
    cleanup.push(
      () => a.close(),
      () => b.close(),
    );

    const atA: FanoutMessage[] = [];
    const atB: FanoutMessage[] = [];
    let gaps = 0;
    const roomA = await a.join('case/c/section/s', { onMessage: (m) => atA.push(m), onGap: () => {} });
    await b.join('case/c/section/s', { onMessage: (m) => atB.push(m), onGap: () => gaps++ });
    await b.join('case/c/section/other', { onMessage: () => expect.fail('wrong room'), onGap: () => {} });

    roomA.publish({ kind: 'update', payload: Uint8Array.from([1, 2, 3]) });
    await waitFor(() => atB.length === 1, 'the message at the other instance');
    expect(atB[0]).toEqual({ kind: 'update', payload: Uint8Array.from([1, 2, 3]) });
    expect(atA).toEqual([]);

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis.once('exit', resolve));
    redis = await startRedis(port);
    await waitFor(() => gaps === 1, 'the gap to be reported after reconnecting', 10_000);

    // Subscriptions are back: traffic flows again.
    roomA.publish({ kind: 'awareness', payload: Uint8Array.from([9]) });
    await waitFor(() => atB.length === 2, 'a message after the reconnect', 10_000);
    expect(atB[1]).toEqual({ kind: 'awareness', payload: Uint8Array.from([9]) });
  });
});
