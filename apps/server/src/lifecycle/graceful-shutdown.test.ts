import type { ActivityEntry } from '@samraad/schema';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionText } from '../sections/content.js';
import { appendTextUpdate, connectRawWriter } from '../test-support/raw-client.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, sessionFetch } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
/** SHUTDOWN_TIMEOUT_SECONDS's default: after this the process exits anyway, with 1. */
const BOUND_MS = 10_000;

const servers: ServerProcess[] = [];
const clients: SectionClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) if (server.child.exitCode === null) await server.crash();
});

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await spawnServer(dataDir);
  servers.push(server);
  return server;
}

/** The case's activity list (audit rows, newest first), as the secretariat sees it. */
async function caseActivity(server: ServerProcess): Promise<ActivityEntry[]> {
  const response = await sessionFetch(await login(server.url, DEMO.sekretariat), `/api/cases/${CASE}/activity`);
  return (await response.json()) as ActivityEntry[];
}

describe('graceful shutdown on SIGTERM', () => {
  it('stores every update a writer sent before it saw the restarting close, writes the audit log, and exits 0 in time', async () => {
    const dataDir = makeTempDir();
    const first = await start(dataDir);
    const kommune = await login(first.url, DEMO.kommune);
    const { client, local } = await connectRawWriter(kommune, CASE, SECTION);
    const socket = client.socket;

    // Types as fast as the socket takes it, a few tokens per turn of the event loop, so the
    // server has a backlog of unhandled frames when the signal comes. A token is made only
    // while the socket is open: what the server closes on is never generated, so `local`
    // holds exactly what was sent.
    let sent = 0;
    let lastSentAt = 0;
    let signalledAt = 0;
    let signalled: () => void = () => {};
    const signalSent = new Promise<void>((resolve) => {
      signalled = resolve;
    });
    const typing = new Promise<void>((resolve) => {
      const typeSome = () => {
        for (let i = 0; i < 5; i++) {
          if (socket.readyState !== socket.OPEN) return resolve();
          client.sendUpdate(appendTextUpdate(local, `[w:${sent}]`));
          sent++;
          lastSentAt = Date.now();
        }
        if (sent === 200) {
          signalledAt = Date.now();
          first.child.kill('SIGTERM');
          signalled();
        }
        setImmediate(typeSome);
      };
      typeSome();
    });

    await signalSent;
    const closed = await client.closed;
    await typing;
    const exitCode = await first.exited;
    const tookMs = Date.now() - signalledAt;

    expect(closed.code).toBe(CLOSE_CODES.restarting);
    expect(sent).toBeGreaterThanOrEqual(200);

    // Everything sent is stored: the next server serves exactly the writer's document.
    const second = await start(dataDir);
    const reader = connectSectionClient(await login(second.url, DEMO.kommune), CASE, SECTION);
    clients.push(reader);
    await waitForSync(reader);
    const tokens = (text: string) => text.match(/\[w:\d+\]/g) ?? [];
    const stored = new Set(tokens(reader.text()));
    expect(tokens(sectionText(local)).filter((token) => !stored.has(token))).toEqual([]);
    expect(reader.text()).toBe(sectionText(local));
    expect(Y.encodeStateVector(reader.doc)).toEqual(Y.encodeStateVector(local));

    // The audit rows held in memory (summed for 2 s) were written before the exit: the
    // writer's newest row is from after the last update it sent.
    const activity = await caseActivity(second);
    const newest = activity.find(
      (entry) => entry.sectionId === SECTION && entry.action === 'update' && entry.userName === 'Kari Lind',
    );
    expect(newest).toBeDefined();
    expect(Date.parse(newest!.at)).toBeGreaterThanOrEqual(lastSentAt);

    expect(exitCode).toBe(0);
    expect(tookMs).toBeLessThan(BOUND_MS);
  }, 90_000);

  it('closes stock clients with the restarting code, which they answer by reconnecting, and writes the audit rows still held', async () => {
    const dataDir = makeTempDir();
    const first = await start(dataDir);
    const writer = connectSectionClient(await login(first.url, DEMO.kommune), CASE, SECTION);
    const witness = connectSectionClient(await login(first.url, DEMO.sekretariat), CASE, SECTION);
    clients.push(writer, witness);
    await Promise.all([waitForSync(writer), waitForSync(witness)]);
    const closeCodes: number[] = [];
    for (const client of [writer, witness]) {
      client.provider.on('connection-close', (event: CloseEvent | null) => {
        if (event) closeCodes.push(event.code);
      });
    }
    const typedAt = Date.now();
    writer.type(' Skrevet rett før omstart.');
    await waitFor(() => witness.text().includes('Skrevet rett før omstart.'), 'the relay to the witness');
    // The audit row for this update is held in memory for up to 2 s; the stop comes at once.
    await first.stop();
    expect(await first.exited).toBe(0);
    // Each socket is first closed with 4503; a client that retries before the process has
    // exited is turned away at the upgrade (1006) and keeps trying.
    expect(closeCodes.slice(0, 2)).toEqual([CLOSE_CODES.restarting, CLOSE_CODES.restarting]);
    expect(closeCodes.slice(2).every((code) => code === 1006)).toBe(true);
    // y-websocket gives up only on 4400-4499 (refusals); it keeps trying after this one.
    expect(writer.provider.shouldConnect).toBe(true);
    expect(witness.provider.shouldConnect).toBe(true);

    const second = await start(dataDir);
    const activity = await caseActivity(second);
    expect(activity).toContainEqual(
      expect.objectContaining({ sectionId: SECTION, action: 'update', userName: 'Kari Lind' }),
    );
    const row = activity.find(
      (entry) => entry.sectionId === SECTION && entry.action === 'update' && entry.userName === 'Kari Lind',
    )!;
    expect(Date.parse(row.at)).toBeGreaterThanOrEqual(typedAt);
  }, 60_000);
});
