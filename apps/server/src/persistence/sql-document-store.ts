import type { SqlClient } from '../db/sql-client.js';
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
  isSealed?: (tx: SqlClient, room: string) => Promise<boolean>;
}

/** The advisory-lock key that orders a room's appends against its sealing. */
const fenceKey = (room: string) => `document-fence:${room}`;

export function createSqlDocumentStore(sql: SqlClient, options: DocumentStoreOptions = {}): DocumentStore {
  const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const loadWith = async (runner: SqlClient, room: string) => {
    // Updates first, snapshot second, without a transaction: a compaction committing in
    // between only moves rows we already hold into a snapshot we have not read yet, so
    // nothing stored before this call is missed (applying a row twice changes nothing).
    const updates = await runner.all<{ update_data: Buffer }>(
      'SELECT update_data FROM document_updates WHERE room = ? ORDER BY id',
      [room],
    );
    const snapshot = await runner.get<{ state: Buffer }>('SELECT state FROM document_snapshots WHERE room = ?', [room]);
    const stored = updates.map((row) => new Uint8Array(row.update_data));
    return snapshot ? [new Uint8Array(snapshot.state), ...stored] : stored;
  };
  const store: DocumentStore = {
    load(room) {
      return loadWith(sql, room);
    },
    append(room, update) {
      return store.appendAll(room, [update]);
    },
    async appendAll(room, updates) {
      const at = new Date().toISOString();
      // One multi-row INSERT per chunk (one round trip); a transaction only when it takes several.
      const insert = (runner: SqlClient, chunk: readonly Uint8Array[]) =>
        runner.run(
          `INSERT INTO document_updates (room, update_data, created_at) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
          chunk.flatMap((update) => [room, bytes(update), at]),
        );
      if (updates.length === 0) return;
      const { isSealed } = options;
      // Several instances: take the room's fence shared, so an append either lands before a
      // sealing instance reads the room, or waits for the seal and is refused by it. One
      // process (SQLite) orders appends and sealing in the room's queue already.
      const fencing = sql.exclusive !== undefined && isSealed !== undefined;
      if (!fencing && updates.length <= INSERT_BATCH) {
        await insert(sql, updates);
        return;
      }
      await sql.transaction(async (tx) => {
        if (fencing) {
          await tx.shareExclusive?.(fenceKey(room));
          if (await isSealed(tx, room)) throw new DocumentSealed(room);
        }
        for (let start = 0; start < updates.length; start += INSERT_BATCH)
          await insert(tx, updates.slice(start, start + INSERT_BATCH));
      });
    },
    fenced(room, work) {
      return sql.exclusive ? sql.exclusive(fenceKey(room), work) : work();
    },
    sealing(rooms, work) {
      return sql.transaction(async (tx) => {
        for (const room of rooms) await tx.holdExclusive?.(fenceKey(room));
        return work(tx, (room) => loadWith(tx, room));
      });
    },
    async pendingUpdates(room) {
      const row = await sql.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM document_updates WHERE room = ?', [
        room,
      ]);
      return Number(row?.n ?? 0);
    },
    async compact(room) {
      await sql.transaction(async (tx) => {
        // Take the snapshot row's write lock before reading anything. Two instances
        // compacting the same room then run one after the other, and the second reads the
        // first one's snapshot (PostgreSQL reads the latest commit per statement); without
        // it the later commit could overwrite a snapshot holding rows it never read.
        // SQLite's BEGIN IMMEDIATE already serialises writers; this is harmless there.
        await tx.run(
          `INSERT INTO document_snapshots (room, state) VALUES (?, ?)
           ON CONFLICT (room) DO UPDATE SET state = document_snapshots.state`,
          [room, EMPTY_STATE],
        );
        const snapshot = await tx.get<{ state: Buffer }>('SELECT state FROM document_snapshots WHERE room = ?', [room]);
        const updates = await tx.all<{ id: number | string; update_data: Buffer }>(
          'SELECT id, update_data FROM document_updates WHERE room = ? ORDER BY id',
          [room],
        );
        if (updates.length === 0) return;
        const parts = updates.map((row) => new Uint8Array(row.update_data));
        const merged = foldStored(snapshot ? [new Uint8Array(snapshot.state), ...parts] : parts);
        await tx.run('UPDATE document_snapshots SET state = ? WHERE room = ?', [bytes(merged), room]);
        // Exactly the rows merged above. Not `id <= newest`: in PostgreSQL a row with a lower
        // id can commit after we read (ids are handed out before commit) and must survive.
        const ids = updates.map((row) => row.id);
        for (let start = 0; start < ids.length; start += DELETE_BATCH) {
          const batch = ids.slice(start, start + DELETE_BATCH);
          await tx.run(`DELETE FROM document_updates WHERE room = ? AND id IN (${batch.map(() => '?').join(', ')})`, [
            room,
            ...batch,
          ]);
        }
      });
    },
    async replace(room, state) {
      await sql.transaction(async (tx) => {
        await tx.run('DELETE FROM document_updates WHERE room = ?', [room]);
        await tx.run(
          `INSERT INTO document_snapshots (room, state) VALUES (?, ?)
           ON CONFLICT (room) DO UPDATE SET state = excluded.state`,
          [room, bytes(state)],
        );
      });
    },
  };
  return store;
}
