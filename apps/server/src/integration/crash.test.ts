import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { TEST_DB } from '../test-support/test-database.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectTypists, receivedBy, startTyping, tokensIn, type Typist } from '../test-support/typists.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
/** The shared sections: members of both sides and the secretariat write them. */
const SECTIONS = ['innstilling', 'bakgrunn', 'innledning'];
const WRITERS = [DEMO.kommune, 'kommune2@lvs.demo', DEMO.sykehus, DEMO.sekretariat];
const CLIENTS = 20;

const servers: ServerProcess[] = [];
const clients: SectionClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.crash();
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  // A small compaction threshold, so the kill also lands in or near a compaction.
  const server = await spawnServer(dataDir, { COMPACT_AFTER_UPDATES: '25', ...env });
  servers.push(server);
  return server;
}

async function freshText(session: TestSession, sectionId: string): Promise<string> {
  const reader = connectSectionClient(session, CASE, sectionId);
  clients.push(reader);
  await waitForSync(reader);
  return reader.text();
}

describe(`crash safety (${TEST_DB})`, () => {
  it('keeps everything any of 20 editing clients had received through a SIGKILL, and merges their unsent edits', async () => {
    const dataDir = makeTempDir();
    const first = await start(dataDir);
    const sessions = await Promise.all(WRITERS.map((email) => login(first.url, email)));
    const typists: Typist[] = connectTypists(
      CLIENTS,
      (i) => sessions[i % sessions.length]!,
      (i) => SECTIONS[i % SECTIONS.length]!,
      CASE,
    );
    clients.push(...typists.map((t) => t.client));
    await Promise.all(typists.map((t) => waitForSync(t.client)));

    const stop = startTyping(typists, 40);
    await waitFor(
      () => typists.every((t) => receivedBy(t).length >= 20),
      'clients receiving each other’s edits',
      15_000,
    );
    await first.crash();
    // Pacing, not a check: the clients keep typing into a dead connection for a moment, so
    // they hold unsent edits that must arrive after the restart.
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    for (const t of typists) t.client.provider.disconnect();

    const received = new Map(SECTIONS.map((s) => [s, new Set<string>()]));
    for (const t of typists) for (const token of receivedBy(t)) received.get(t.sectionId)!.add(token);
    const totalReceived = [...received.values()].reduce((n, set) => n + set.size, 0);
    expect(totalReceived).toBeGreaterThan(60);

    // Same data, same port: the clients' providers reconnect to where they were.
    const port = new URL(first.url).port;
    const second = await start(dataDir, { PORT: port });
    const reader = await login(second.url, DEMO.sekretariat);
    for (const sectionId of SECTIONS) {
      const stored = new Set(tokensIn(await freshText(reader, sectionId)));
      const lost = [...received.get(sectionId)!].filter((token) => !stored.has(token));
      expect(lost, `tokens in ${sectionId} a client had received but the restarted server lacks`).toEqual([]);
    }

    for (const t of typists) t.client.provider.connect();
    const expected = new Map(
      SECTIONS.map((s) => [s, typists.filter((t) => t.sectionId === s).flatMap((t) => t.typed)]),
    );
    await waitFor(
      () => typists.every((t) => expected.get(t.sectionId)!.every((token) => t.client.text().includes(token))),
      'every client to hold every token typed in its section',
      20_000,
    );
    for (const sectionId of SECTIONS) {
      const texts = new Set(typists.filter((t) => t.sectionId === sectionId).map((t) => t.client.text()));
      expect(texts.size, `clients of ${sectionId} converge`).toBe(1);
      const stored = await freshText(reader, sectionId);
      expect(stored).toBe([...texts][0]);
    }
  });
});
