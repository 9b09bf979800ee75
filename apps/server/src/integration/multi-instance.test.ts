import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login } from '../test-support/session.js';
import { startTcpBalancer, type TcpBalancer } from '../test-support/tcp-balancer.js';
import { TEST_DB, TEST_REDIS_URL } from '../test-support/test-database.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectTypists, startTyping, type Typist } from '../test-support/typists.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTIONS = ['innstilling', 'bakgrunn', 'innledning'];
const WRITERS = [DEMO.kommune, 'kommune2@lvs.demo', DEMO.sykehus, DEMO.sekretariat];
const CLIENTS = 20;

const servers: ServerProcess[] = [];
const clients: SectionClient[] = [];
let balancer: TcpBalancer | null = null;
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await balancer?.close();
  balancer = null;
  for (const s of servers.splice(0)) if (s.child.exitCode === null) await s.crash();
});

function sectionTexts(typists: Typist[], sectionId: string): Set<string> {
  return new Set(typists.filter((t) => t.sectionId === sectionId).map((t) => t.client.text()));
}

// Several instances need the shared database; the SQLite run has nothing to share.
describe.skipIf(TEST_DB !== 'postgres')('two instances on PostgreSQL + Redis', () => {
  it('converges clients split between the instances, and loses nothing when one is killed', async () => {
    const dataDir = makeTempDir();
    // Started together on an empty database: migrations and demo seeding take turns.
    const [a, b] = await Promise.all([
      spawnServer(dataDir, { REDIS_URL: TEST_REDIS_URL, COMPACT_AFTER_UPDATES: '25' }),
      spawnServer(dataDir, { REDIS_URL: TEST_REDIS_URL, COMPACT_AFTER_UPDATES: '25' }),
    ]);
    servers.push(a, b);
    const portA = Number(new URL(a.url).port);
    const portB = Number(new URL(b.url).port);
    balancer = await startTcpBalancer([portA, portB]);

    const sessions = await Promise.all(WRITERS.map((email) => login(balancer!.url, email)));
    const countsBefore = new Map(balancer.counts);
    const typists = connectTypists(
      CLIENTS,
      (i) => sessions[i % sessions.length]!,
      (i) => SECTIONS[i % SECTIONS.length]!,
      CASE,
    );
    clients.push(...typists.map((t) => t.client));
    await Promise.all(typists.map((t) => waitForSync(t.client)));
    const onA = balancer.counts.get(portA)! - countsBefore.get(portA)!;
    const onB = balancer.counts.get(portB)! - countsBefore.get(portB)!;
    expect([onA, onB]).toEqual([CLIENTS / 2, CLIENTS / 2]);

    // Presence crosses instances too: everyone in a section sees everyone else there.
    for (const t of typists) t.client.provider.awareness.setLocalStateField('user', { color: '#1f6f8b' });
    for (const t of typists) {
      const inSection = typists.filter((other) => other.sectionId === t.sectionId).length;
      await waitFor(
        () => t.client.provider.awareness.getStates().size >= inSection,
        `presence of all ${inSection} clients in ${t.sectionId}`,
        10_000,
      );
    }

    const stop = startTyping(typists, 40);
    await waitFor(() => typists.every((t) => t.typed.length >= 10), 'ten tokens typed by every typist', 10_000);
    for (const sectionId of SECTIONS) {
      const typed = typists.filter((t) => t.sectionId === sectionId).flatMap((t) => t.typed.slice(0, 10));
      await waitFor(
        () =>
          typists
            .filter((t) => t.sectionId === sectionId)
            .every((t) => typed.every((token) => t.client.text().includes(token))),
        `clients of ${sectionId} on both instances seeing each other's edits`,
        10_000,
      );
    }

    await a.crash();
    // Pacing, not a check: the clients on A keep typing into a dead connection for a moment,
    // so they hold edits the crash cut off, which must arrive after they reconnect.
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop();

    const expected = new Map(
      SECTIONS.map((s) => [s, typists.filter((t) => t.sectionId === s).flatMap((t) => t.typed)]),
    );
    await waitFor(
      () => typists.every((t) => expected.get(t.sectionId)!.every((token) => t.client.text().includes(token))),
      'every client, reconnected to the surviving instance, to hold every token typed in its section',
      20_000,
    );
    const reader = await login(balancer.url, DEMO.sekretariat);
    for (const sectionId of SECTIONS) {
      await waitFor(() => sectionTexts(typists, sectionId).size === 1, `clients of ${sectionId} to converge`);
      const fresh = connectSectionClient(reader, CASE, sectionId);
      clients.push(fresh);
      await waitForSync(fresh);
      expect(fresh.text()).toBe([...sectionTexts(typists, sectionId)][0]);
    }
    expect(b.child.exitCode).toBeNull();
  });
});
