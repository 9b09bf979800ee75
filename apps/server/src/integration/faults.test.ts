import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCaseEventStream } from '../test-support/case-event-stream.js';
import { startOwnPostgres, type OwnPostgres } from '../test-support/own-postgres.js';
import { startOwnRedis, type OwnRedis } from '../test-support/own-redis.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, sessionFetch } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB, createTestSchemaUrl } from '../test-support/test-database.js';
import { connectTypists, startTyping, tokensIn } from '../test-support/typists.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

/**
 * Real outages, counted: the suite starts its own PostgreSQL cluster and its own Redis, and
 * stops them under load. It runs in the PostgreSQL pass of the server tests only (the
 * SQLite pass has its own fault, a full disk, in disk-full.test.ts).
 */
const CASE = 'lvs-04-2022';
const WRITERS = [DEMO.kommune, 'kommune2@lvs.demo', DEMO.sykehus, DEMO.sekretariat];
const SECTIONS = ['innstilling', 'bakgrunn', 'innledning'];
const PG_ROUNDS: Array<'fast' | 'immediate'> = ['fast', 'immediate', 'fast', 'immediate', 'fast', 'immediate'];
const PG_OUTAGE_MS = 10_000;
const REDIS_ROUNDS = 5;
const REDIS_OUTAGE_MS = 30_000;

// Pacing only (how long people type before an outage, how long it lasts), never a proof:
// every check below waits for what it checks.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(TEST_DB === 'postgres')('outages of real PostgreSQL and Redis processes', () => {
  const clients: SectionClient[] = [];
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) if (server.child.exitCode === null) await server.stop();
  });

  describe('PostgreSQL stopped for 10 s while 12 people type', () => {
    let postgres: OwnPostgres;
    beforeAll(async () => {
      postgres = await startOwnPostgres();
    });
    afterAll(async () => {
      await postgres?.destroy();
    });

    it(
      `survives ${PG_ROUNDS.length} rounds (fast and immediate), resumes writing within 5 s each time, and loses nothing`,
      { timeout: 300_000 },
      async () => {
        const server = await spawnServer(makeTempDir(), { DATABASE_URL: postgres.url(), COMPACT_AFTER_UPDATES: '50' });
        servers.push(server);
        const sessions = await Promise.all(WRITERS.map((email) => login(server.url, email)));
        const typists = connectTypists(
          12,
          (i) => sessions[i % sessions.length]!,
          (i) => SECTIONS[i % SECTIONS.length]!,
          CASE,
        );
        clients.push(...typists.map((t) => t.client));
        await Promise.all(typists.map((t) => waitForSync(t.client)));
        // One reader per section: what reaches it was stored first (acknowledged).
        const readers = new Map(
          SECTIONS.map((sectionId) => [sectionId, connectSectionClient(sessions[0]!, CASE, sectionId)]),
        );
        clients.push(...readers.values());
        await Promise.all([...readers.values()].map(waitForSync));
        const acknowledged = new Set<string>();
        const noteAcknowledged = () => {
          for (const reader of readers.values()) for (const token of tokensIn(reader.text())) acknowledged.add(token);
        };
        const stopTyping = startTyping(typists, 150);
        try {
          for (const [round, mode] of PG_ROUNDS.entries()) {
            await sleep(1_000);
            await postgres.stop(mode);
            // Stopped: nothing can be stored now, so what the readers have is what was acknowledged.
            noteAcknowledged();
            await sleep(PG_OUTAGE_MS);
            expect(server.child.exitCode, `server alive after round ${round} (${mode})`).toBeNull();
            await postgres.start();
            // Writing resumes: a token of this typist's that was not stored before reaches the
            // reader within 5 s (plus up to 2.5 s of the stock client's reconnect backoff).
            const probe = typists[round % typists.length]!;
            const reader = readers.get(probe.sectionId)!;
            const fresh = () =>
              tokensIn(reader.text()).some(
                (token) => token.startsWith(`[c${probe.index}:`) && !acknowledged.has(token),
              );
            await waitFor(fresh, `writing resumed after round ${round} (${mode})`, 7_500);
            noteAcknowledged();
          }
        } finally {
          stopTyping();
        }
        // Every token any writer typed (sent or held through the outages) ends up at the readers.
        await waitFor(
          () => typists.every((t) => t.typed.every((token) => readers.get(t.sectionId)!.text().includes(token))),
          'every typed token at the readers',
          30_000,
        );
        expect(server.child.exitCode).toBeNull();

        // And stored: after a restart, a fresh reader has every acknowledged token.
        noteAcknowledged();
        await server.stop();
        const again = await spawnServer(makeTempDir(), { DATABASE_URL: postgres.url() });
        servers.push(again);
        const session = await login(again.url, DEMO.observator);
        const stored = new Set<string>();
        for (const sectionId of SECTIONS) {
          const fresh = connectSectionClient(session, CASE, sectionId);
          clients.push(fresh);
          await waitForSync(fresh);
          for (const token of tokensIn(fresh.text())) stored.add(token);
        }
        const lost = [...acknowledged].filter((token) => !stored.has(token));
        expect(lost).toEqual([]);
        expect(acknowledged.size).toBeGreaterThan(100);
      },
    );
  });

  describe('Redis stopped for 30 s under two instances', () => {
    let redis: OwnRedis;
    beforeAll(async () => {
      redis = await startOwnRedis();
    });
    afterAll(async () => {
      await redis?.destroy();
    });

    it(
      `recovers in each of ${REDIS_ROUNDS} rounds: a section first opened during the outage opens, ` +
        'both instances converge without further edits, a case notice arrives',
      { timeout: 400_000 },
      async () => {
        const databaseUrl = await createTestSchemaUrl();
        const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url };
        const a = await spawnServer(makeTempDir(), env);
        servers.push(a);
        const b = await spawnServer(makeTempDir(), env);
        servers.push(b);
        const [writerA, readerB, observerB] = await Promise.all([
          login(a.url, DEMO.kommune),
          login(b.url, DEMO.sykehus),
          login(b.url, DEMO.observator),
        ]);
        const sectionsToOpen = ['innstilling', 'bakgrunn', 'innledning', 'kommunenes-vurdering', 'nlsh-vurdering'];
        const events = await openCaseEventStream(observerB, CASE);
        try {
          for (let round = 0; round < REDIS_ROUNDS; round++) {
            const shared = 'kommunenes-vurdering';
            const onA = connectSectionClient(writerA, CASE, shared);
            const onB = connectSectionClient(readerB, CASE, shared);
            clients.push(onA, onB);
            await Promise.all([waitForSync(onA), waitForSync(onB)]);

            await (round % 2 === 0 ? redis.kill() : redis.stop());
            const outageEnds = Date.now() + REDIS_OUTAGE_MS;
            // Typed on A during the outage: B cannot hear of it until Redis is back.
            const during = ` [utfall${round}]`;
            onA.type(during);
            // A section nobody had open is opened on B during the outage.
            const firstOpened = connectSectionClient(readerB, CASE, sectionsToOpen[round % sectionsToOpen.length]!);
            clients.push(firstOpened);
            await waitForSync(firstOpened);
            // A case notice sent on A during the outage (a new comment thread).
            const quote = `utfall ${round}`;
            const posted = await sessionFetch(writerA, `/api/cases/${CASE}/threads`, {
              method: 'POST',
              body: JSON.stringify({
                sectionId: shared,
                anchor: { start: 'AAECAw==', end: 'BAUGBw==' },
                quote,
                body: `Kommentar under utfall ${round}`,
              }),
            });
            expect(posted.status).toBe(201);
            await events.next(
              'thread',
              (thread) => (thread as { quote?: string }).quote === quote,
              REDIS_OUTAGE_MS + 15_000,
            );
            await sleep(Math.max(0, outageEnds - Date.now()));
            await redis.start();

            // Without any further edit, B's copy catches up from the database.
            await waitFor(() => onB.text().includes(during), `B has the outage's text after round ${round}`, 15_000);
            // And the fan-out works again: a new edit reaches B at once.
            const after = ` [etter${round}]`;
            onA.type(after);
            await waitFor(() => onB.text().includes(after), `B hears A again after round ${round}`, 10_000);
            expect(a.child.exitCode).toBeNull();
            expect(b.child.exitCode).toBeNull();
            onA.destroy();
            onB.destroy();
            firstOpened.destroy();
          }
        } finally {
          events.close();
        }
      },
    );
  });
});
