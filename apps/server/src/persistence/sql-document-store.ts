import { sql } from 'kysely';
import type { Storage } from '../db/storage.js';
import { DocumentSealed, type DocumentStore } from './document-store.js';
import { foldStored } from './stored-state.js';

/** The state of an empty Y.Doc: a snapshot row that merges to nothing. */
const EMPTY_STATE = Buffer.from([0, 0]);
/** Ids per DELETE statement, well below either database's limit on parameters. */
const DELETE_BATCH = 500;
/** Rows per INSERT statement (three parameters each). */
const INSERT_BATCH = 300;

/**
 * Section documents as a snapshot plus the updates appended after it, in either database.
 * Compaction merges from what is stored, not from a live copy, so an update another server
 * instance appended a moment ago is folded in or left in place, never dropped.
 */
export interface DocumentStoreOptions {
  /** Whether the room has been sealed; asked inside every append's transaction on PostgreSQL. */
  isSealed?: (tx: Storage, room: string) => Promise<boolean>;
}

/** The advisory-lock key that orders a room's appends against its sealing. */
const fenceKey = (room: string) => `document-fence:${room}`;

export function createSqlDocumentStore(storage: Storage, options: DocumentStoreOptions = {}): DocumentStore {
  const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const loadWith = async ({ db }: Storage, room: string) => {
    // Updates first, snapshot second, without a transaction: a compaction committing in
    // between only moves rows we already hold into a snapshot we have not read yet, so
    // nothing stored before this call is missed (applying a row twice changes nothing).
    const updates = await db
      .selectFrom('document_updates')
      .select('update_data')
      .where('room', '=', room)
      .orderBy('id')
      .execute();
    const snapshot = await db
      .selectFrom('document_snapshots')
      .select('state')
      .where('room', '=', room)
      .executeTakeFirst();
    const stored = updates.map((row) => new Uint8Array(row.update_data));
    return snapshot ? [new Uint8Array(snapshot.state), ...stored] : stored;
  };
  /**
   * Several rooms' stored parts (snapshot first, then updates in order), in one statement, so
   * one snapshot of the database: a compaction cannot move a row between the two halves.
   */
  const loadAllWith = async ({ db }: Storage, rooms: readonly string[]) => {
    const stored = new Map<string, Uint8Array[]>(rooms.map((room) => [room, []]));
    if (rooms.length === 0) return stored;
    const rows = await db
      .selectFrom('document_snapshots')
      .select(['room', sql<number>`0`.as('part'), sql<number>`0`.as('id'), 'state as data'])
      .where('room', 'in', rooms)
      .unionAll(
        db
          .selectFrom('document_updates')
          .select(['room', sql<number>`1`.as('part'), 'id', 'update_data as data'])
          .where('room', 'in', rooms),
      )
      .orderBy('part')
      .orderBy('id')
      .execute();
    for (const row of rows) stored.get(row.room)?.push(new Uint8Array(row.data));
    return stored;
  };
  const store: DocumentStore = {
    load(room) {
      return loadWith(storage, room);
    },
    append(room, update) {
      return store.appendAll(room, [update]);
    },
    async appendAll(room, updates) {
      const at = new Date().toISOString();
      // One multi-row INSERT per chunk (one round trip); a transaction only when it takes several.
      const insert = ({ db }: Storage, chunk: readonly Uint8Array[]) =>
        db
          .insertInto('document_updates')
          .values(chunk.map((update) => ({ room, update_data: bytes(update), created_at: at })))
          .execute();
      if (updates.length === 0) return;
      const { isSealed } = options;
      // Several instances: take the room's fence shared, so an append either lands before a
      // sealing instance reads the room, or waits for the seal and is refused by it. One
      // process (SQLite) orders appends and sealing in the room's queue already.
      const fencing = storage.exclusive !== undefined && isSealed !== undefined;
      if (!fencing && updates.length <= INSERT_BATCH) {
        await insert(storage, updates);
        return;
      }
      await storage.transaction(async (tx) => {
        if (fencing) {
          await tx.shareExclusive?.(fenceKey(room));
          if (await isSealed(tx, room)) throw new DocumentSealed(room);
        }
        for (let start = 0; start < updates.length; start += INSERT_BATCH)
          await insert(tx, updates.slice(start, start + INSERT_BATCH));
      });
    },
    fenced(room, work) {
      return storage.exclusive ? storage.exclusive(fenceKey(room), work) : work();
    },
    sealing(rooms, work) {
      return storage.transaction(async (tx) => {
        await tx.holdExclusive?.(...rooms.map(fenceKey));
        return work(
          tx,
          (room) => loadWith(tx, room),
          (wanted) => loadAllWith(tx, wanted),
        );
      });
    },
    async pendingUpdates(room) {
      const row = await storage.db
        .selectFrom('document_updates')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('room', '=', room)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async compact(room) {
      await storage.transaction(async ({ db }) => {
        // Take the snapshot row's write lock before reading anything. Two instances
        // compacting the same room then run one after the other, and the second reads the
        // first one's snapshot (PostgreSQL reads the latest commit per statement); without
        // it the later commit could overwrite a snapshot holding rows it never read.
        // SQLite's BEGIN IMMEDIATE already serialises writers; this is harmless there.
        await db
          .insertInto('document_snapshots')
          .values({ room, state: EMPTY_STATE })
          .onConflict((oc) => oc.column('room').doUpdateSet({ state: sql<Buffer>`document_snapshots.state` }))
          .execute();
        const snapshot = await db
          .selectFrom('document_snapshots')
          .select('state')
          .where('room', '=', room)
          .executeTakeFirst();
        const updates = await db
          .selectFrom('document_updates')
          .select(['id', 'update_data'])
          .where('room', '=', room)
          .orderBy('id')
          .execute();
        if (updates.length === 0) return;
        const parts = updates.map((row) => new Uint8Array(row.update_data));
        const merged = foldStored(snapshot ? [new Uint8Array(snapshot.state), ...parts] : parts);
        await db
          .updateTable('document_snapshots')
          .set({ state: bytes(merged) })
          .where('room', '=', room)
          .execute();
        // Exactly the rows merged above. Not `id <= newest`: in PostgreSQL a row with a lower
        // id can commit after we read (ids are handed out before commit) and must survive.
        const ids = updates.map((row) => row.id);
        for (let start = 0; start < ids.length; start += DELETE_BATCH) {
          await db
            .deleteFrom('document_updates')
            .where('room', '=', room)
            .where('id', 'in', ids.slice(start, start + DELETE_BATCH))
            .execute();
        }
      });
    },
    async replace(room, state) {
      await storage.transaction(async ({ db }) => {
        await db.deleteFrom('document_updates').where('room', '=', room).execute();
        await db
          .insertInto('document_snapshots')
          .values({ room, state: bytes(state) })
          .onConflict((oc) => oc.column('room').doUpdateSet((eb) => ({ state: eb.ref('excluded.state') })))
          .execute();
      });
    },
  };
  return store;
}
