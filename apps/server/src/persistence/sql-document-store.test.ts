import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { openPostgres } from '../db/postgres-client.js';
import type { Storage } from '../db/storage.js';
import { pollUntil } from '../test-support/poll.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { openTestSql, TEST_DB, testDatabaseUrl } from '../test-support/test-database.js';
import { DocumentSealed } from './document-store.js';
import { createSqlDocumentStore } from './sql-document-store.js';

const ROOM = 'case/c/section/s';
let db: Storage | null = null;

async function freshStore() {
  db = await openTestSql();
  return createSqlDocumentStore(db);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc.getText('t').toString();
}

/**
 * Resolves once a session waits for `room`'s document fence (the advisory lock that
 * sql-document-store takes, keyed by hashtext of the key and schema; a bigint key shows in
 * pg_locks as classid = high 32 bits, objid = low 32 bits, objsubid = 1).
 */
async function waitingAtFence(url: string, room: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pollUntil(
      async () =>
        (
          await client.query<{ n: number }>(
            `WITH fence AS (SELECT hashtext($1 || ':' || coalesce(current_schema(), ''))::bigint AS key)
             SELECT count(*)::int AS n FROM pg_locks, fence
              WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
                AND objid::text::bigint = (fence.key & 4294967295)
                AND classid::text::bigint = ((fence.key >> 32) & 4294967295)`,
            [`document-fence:${room}`],
          )
        ).rows[0]!.n,
      (waiting) => waiting > 0,
      'the append to wait at the fence',
      { timeoutMs: 5_000, intervalMs: 10 },
    );
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  await db?.close();
  db = null;
});

describe(`document store (${TEST_DB})`, () => {
  it('returns appended updates in order and folds them into a snapshot', async () => {
    const store = await freshStore();
    const doc = new Y.Doc();
    const appended: Promise<void>[] = [];
    doc.on('update', (update: Uint8Array) => appended.push(store.append(ROOM, update)));
    doc.getText('t').insert(0, 'Kommunene');
    doc.getText('t').insert(9, ' vurderer');
    await Promise.all(appended);
    expect(await store.pendingUpdates(ROOM)).toBe(2);
    expect(textOf(await store.load(ROOM))).toBe('Kommunene vurderer');

    await store.compact(ROOM);
    expect(await store.pendingUpdates(ROOM)).toBe(0);
    expect(await store.load(ROOM)).toHaveLength(1);

    doc.getText('t').insert(18, ' at');
    await Promise.all(appended);
    expect(await store.load(ROOM)).toHaveLength(2);
    expect(textOf(await store.load(ROOM))).toBe('Kommunene vurderer at');
  });

  it('compacts from what is stored, keeping updates the live copy has not seen', async () => {
    const store = await freshStore();
    const mine = new Y.Doc();
    const other = new Y.Doc();
    mine.getText('t').insert(0, 'Bodø');
    other.getText('t').insert(0, 'NLSH');
    await store.append(ROOM, Y.encodeStateAsUpdate(mine));
    // Another instance appended this; the compacting instance never had it in memory.
    await store.append(ROOM, Y.encodeStateAsUpdate(other));
    await store.compact(ROOM);
    const merged = textOf(await store.load(ROOM));
    expect(merged).toContain('Bodø');
    expect(merged).toContain('NLSH');
    expect(await store.pendingUpdates(ROOM)).toBe(0);
  });

  it('keeps rooms apart', async () => {
    const store = await freshStore();
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'a');
    await store.append(ROOM, Y.encodeStateAsUpdate(doc));
    expect(await store.load(ROOM)).toHaveLength(1);
    expect(await store.load('case/c/section/other')).toEqual([]);
  });

  // Two instances on one database; SQLite is one process per file, so PostgreSQL only.
  it.skipIf(TEST_DB !== 'postgres')(
    'loses nothing when two instances append and compact the same room at once',
    async () => {
      const url = (await testDatabaseUrl(makeTempDir()))!;
      const instances = [await openPostgres(url), await openPostgres(url)];
      try {
        // With the seal check on, as in the server: every append runs in its fenced transaction.
        const stores = instances.map((sql) => createSqlDocumentStore(sql, { isSealed: () => Promise.resolve(false) }));
        const WRITERS = 4;
        const EDITS = 40;
        await Promise.all(
          stores.flatMap((store, instance) =>
            Array.from({ length: WRITERS }, async (_, writer) => {
              const doc = new Y.Doc();
              for (let edit = 0; edit < EDITS; edit++) {
                const before = Y.encodeStateVector(doc);
                doc.getText('t').insert(0, `[${instance}.${writer}.${edit}]`);
                // Each update depends on the previous one: a dropped row hides all that follow.
                await store.append(ROOM, Y.encodeStateAsUpdate(doc, before));
                if (edit % 5 === writer) await store.compact(ROOM);
              }
            }),
          ),
        );
        const text = textOf(await stores[0]!.load(ROOM));
        const missing = [];
        for (let instance = 0; instance < 2; instance++)
          for (let writer = 0; writer < WRITERS; writer++)
            for (let edit = 0; edit < EDITS; edit++)
              if (!text.includes(`[${instance}.${writer}.${edit}]`)) missing.push(`${instance}.${writer}.${edit}`);
        expect(missing).toEqual([]);
      } finally {
        await Promise.all(instances.map((sql) => sql.close()));
      }
    },
  );

  it.skipIf(TEST_DB !== 'postgres')(
    'makes an append on another instance wait while the room is fenced, then refuses it once sealed',
    async () => {
      const url = (await testDatabaseUrl(makeTempDir()))!;
      const [sealing, appending] = [await openPostgres(url), await openPostgres(url)];
      try {
        let sealed = false;
        const a = createSqlDocumentStore(sealing, { isSealed: () => Promise.resolve(sealed) });
        const b = createSqlDocumentStore(appending, { isSealed: () => Promise.resolve(sealed) });
        const doc = new Y.Doc();
        doc.getText('t').insert(0, 'godkjent tekst');
        await a.append(ROOM, Y.encodeStateAsUpdate(doc));
        const before = Y.encodeStateVector(doc);
        doc.getText('t').insert(0, 'sent endring: ');
        const late = Y.encodeStateAsUpdate(doc, before);

        let settled = false;
        let append: Promise<void> | null = null;
        await a.fenced(ROOM, async () => {
          append = b.append(ROOM, late);
          void append.then(
            () => (settled = true),
            () => (settled = true),
          );
          // Barrier: PostgreSQL shows the append's session waiting for the room's fence.
          await waitingAtFence(url, ROOM);
          // Waiting, not stored: what the sealing side reads is what it seals.
          expect(settled).toBe(false);
          expect(textOf(await a.load(ROOM))).toBe('godkjent tekst');
          sealed = true;
        });
        await expect(append!).rejects.toBeInstanceOf(DocumentSealed);
        expect(textOf(await b.load(ROOM))).toBe('godkjent tekst');

        // Unsealed, the same append goes through at once.
        sealed = false;
        await b.append(ROOM, late);
        expect(textOf(await a.load(ROOM))).toBe('sent endring: godkjent tekst');
      } finally {
        await Promise.all([sealing.close(), appending.close()]);
      }
    },
  );
});
