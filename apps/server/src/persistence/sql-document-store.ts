import * as Y from 'yjs';
import type { SqlClient } from '../db/sql-client.js';
import type { DocumentStore } from './document-store.js';

/**
 * Section documents as a snapshot plus the updates appended after it, in either database.
 * Compaction merges from what is stored, not from a live copy, so an update another server
 * instance appended a moment ago is folded in or left in place, never dropped.
 */
export function createSqlDocumentStore(sql: SqlClient): DocumentStore {
  const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return {
    async load(room) {
      const snapshot = await sql.get<{ state: Buffer }>('SELECT state FROM document_snapshots WHERE room = ?', [room]);
      const updates = await sql.all<{ update_data: Buffer }>('SELECT update_data FROM document_updates WHERE room = ? ORDER BY id', [room]);
      const stored = updates.map((row) => new Uint8Array(row.update_data));
      return snapshot ? [new Uint8Array(snapshot.state), ...stored] : stored;
    },
    async append(room, update) {
      await sql.run('INSERT INTO document_updates (room, update_data, created_at) VALUES (?, ?, ?)', [room, bytes(update), new Date().toISOString()]);
    },
    async pendingUpdates(room) {
      const row = await sql.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM document_updates WHERE room = ?', [room]);
      return Number(row?.n ?? 0);
    },
    async compact(room) {
      await sql.transaction(async (tx) => {
        const snapshot = await tx.get<{ state: Buffer }>('SELECT state FROM document_snapshots WHERE room = ?', [room]);
        const updates = await tx.all<{ id: number | string; update_data: Buffer }>(
          'SELECT id, update_data FROM document_updates WHERE room = ? ORDER BY id',
          [room],
        );
        if (updates.length === 0) return;
        const newest = updates[updates.length - 1]!.id;
        const parts = updates.map((row) => new Uint8Array(row.update_data));
        const merged = Y.mergeUpdates(snapshot ? [new Uint8Array(snapshot.state), ...parts] : parts);
        await tx.run(
          `INSERT INTO document_snapshots (room, state) VALUES (?, ?)
           ON CONFLICT (room) DO UPDATE SET state = excluded.state`,
          [room, bytes(merged)],
        );
        await tx.run('DELETE FROM document_updates WHERE room = ? AND id <= ?', [room, newest]);
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
}
