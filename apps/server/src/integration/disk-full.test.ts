import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB } from '../test-support/test-database.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
const isRoot = process.getuid?.() === 0;

/** Writes to `file` until the file system refuses: the disk is full. */
function fillDisk(file: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = fs.openSync(file, 'w');
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    fs.closeSync(fd);
  }
}

// A real full disk: SQLite's data folder on a 5 MB tmpfs (mounting needs root, as in CI).
describe.runIf(TEST_DB === 'sqlite' && isRoot)('the embedded database on a full disk', () => {
  let mountPoint: string | null = null;
  let server: ServerProcess | null = null;
  const clients: SectionClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.stop();
    server = null;
    if (mountPoint) execFileSync('umount', [mountPoint]);
    mountPoint = null;
  });

  it('refuses only the writer while full, never drops a reader, logs a bounded number of lines, and loses nothing', async () => {
    mountPoint = makeTempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=5m', 'tmpfs', mountPoint]);
    server = await spawnServer(mountPoint);
    const [kommune, sykehus] = await Promise.all([login(server.url, DEMO.kommune), login(server.url, DEMO.sykehus)]);
    const writer = connectSectionClient(kommune, CASE, SECTION);
    const reader = connectSectionClient(sykehus, CASE, SECTION);
    clients.push(writer, reader);
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    const closes = { writer: [] as number[], reader: [] as number[] };
    writer.provider.on('connection-close', (event) => event && closes.writer.push(event.code));
    reader.provider.on('connection-close', (event) => event && closes.reader.push(event.code));

    writer.type(' Før disken ble full.');
    await waitFor(() => reader.text().includes('Før disken ble full.'), 'the first sentence at the reader');

    const filler = path.join(mountPoint, 'fyll');
    fillDisk(filler);
    // Documented pacing: a person typing for a few seconds into a full disk.
    for (let word = 0; word < 30; word++) {
      writer.type(` ord${word}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor(() => closes.writer.includes(4504), 'the writer told to back off (4504)', 10_000);

    fs.rmSync(filler);
    await waitFor(() => reader.text() === writer.text(), 'every word at the reader once the disk has room', 30_000);
    expect(closes.reader).toEqual([]);
    expect(closes.writer.every((code) => code === 4504)).toBe(true);

    // Bounded: one line per room and interval, no stack trace per refused keystroke.
    const logged = `${server.output()}\n${server.stderr()}`
      .split('\n')
      .filter((line) => /"level":"(warn|error|fatal)"|Error/.test(line));
    expect(logged.some((line) => /lagring utilgjengelig/.test(line))).toBe(true);
    expect(logged.length).toBeLessThanOrEqual(12);

    // Stored, not only relayed: a fresh client after a restart on the same data has it all.
    const expected = writer.text();
    await server.stop();
    server = await spawnServer(mountPoint);
    const fresh = connectSectionClient(await login(server.url, DEMO.sykehus), CASE, SECTION);
    clients.push(fresh);
    await waitForSync(fresh);
    expect(fresh.text()).toBe(expected);
    expect(expected).toContain(' ord29');
  });
});
