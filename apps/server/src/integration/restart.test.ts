import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';

const clients: SectionClient[] = [];
const servers: ServerProcess[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.crash();
});

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await spawnServer(dataDir);
  servers.push(server);
  return server;
}

async function connect(server: ServerProcess): Promise<SectionClient> {
  const c = connectSectionClient(await login(server.url, DEMO.kommune), CASE, SECTION);
  clients.push(c);
  return c;
}

/** Writes through one client and waits until another client has it from the server. */
async function writeAndSeeRelayed(server: ServerProcess, text: string): Promise<string> {
  const writer = await connect(server);
  const witness = await connect(server);
  await Promise.all([waitForSync(writer), waitForSync(witness)]);
  writer.type(text);
  await waitFor(() => witness.text().includes(text), 'relay to the second client');
  return witness.text();
}

describe('restart', () => {
  it('keeps the text after an orderly stop and start on the same data directory', async () => {
    const dataDir = makeTempDir();
    const first = await start(dataDir);
    const seen = await writeAndSeeRelayed(first, ' Stoppet pent.');
    for (const c of clients.splice(0)) c.destroy();
    await first.stop();

    const second = await start(dataDir);
    const reader = await connect(second);
    await waitForSync(reader);
    expect(reader.text()).toBe(seen);
  });

  it('keeps every update another client had seen when the server is killed with SIGKILL', async () => {
    const dataDir = makeTempDir();
    const first = await start(dataDir);
    const seen = await writeAndSeeRelayed(first, ' Skrevet rett før krasjet.');
    await first.crash();

    const second = await start(dataDir);
    const reader = await connect(second);
    await waitForSync(reader);
    expect(reader.text()).toBe(seen);
  });
});
