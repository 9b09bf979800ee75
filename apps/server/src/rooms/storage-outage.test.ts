import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqlAuditLog } from '../audit/audit-log.js';
import type { Storage } from '../db/storage.js';
import { StorageUnavailable, type DocumentStore } from '../persistence/document-store.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';
import { openTestSql } from '../test-support/test-database.js';
import { waitFor } from '../test-support/yjs-client.js';
import type { RoomConnection } from './room-connection.js';
import { SectionRoom } from './section-room.js';

const ROOM = 'case/c/section/s';
let db: Storage | null = null;

afterEach(async () => {
  await db?.close();
  db = null;
});

/**
 * The real store, with its writes and reads switched off while `down` is set, the way a
 * stopped database answers: every call fails. (The fault suite stops a real PostgreSQL.)
 */
function storeWithOutage(store: DocumentStore) {
  const state = { down: false };
  const unreachable = () =>
    Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' }));
  const guarded: DocumentStore = {
    ...store,
    load: (room) => (state.down ? unreachable() : store.load(room)),
    append: (room, update) => (state.down ? unreachable() : store.append(room, update)),
    appendAll: (room, updates) => (state.down ? unreachable() : store.appendAll(room, updates)),
    compact: (room) => (state.down ? unreachable() : store.compact(room)),
  };
  return { guarded, state };
}

function connection(actor: string): RoomConnection & { sent: Uint8Array[]; closedWith: number[] } {
  const sent: Uint8Array[] = [];
  const closedWith: number[] = [];
  return {
    sent,
    closedWith,
    actor: { userId: actor, name: actor },
    mayWrite: () => Promise.resolve({ allowed: true }),
    send: (m) => sent.push(m),
    close: (code) => closedWith.push(code),
  };
}

function typed(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  const run = paragraphText(base);
  run.insert(run.length, text);
  return Y.encodeStateAsUpdate(base, before);
}

const updatesSent = (to: { sent: Uint8Array[] }) =>
  to.sent.filter((message) => decodeClientMessage(message).type === 'update').length;

describe('a room whose storage goes away', () => {
  it('refuses the writer, keeps the reader, serves only stored text, and recovers by itself', async () => {
    db = await openTestSql();
    const { guarded, state } = storeWithOutage(createSqlDocumentStore(db));
    const room = await SectionRoom.load(ROOM, guarded, { compactAfterUpdates: 1000, audit: createSqlAuditLog(db) });
    const writer = connection('kari');
    const reader = connection('olga');
    await room.join(writer);
    await room.join(reader);
    const local = new Y.Doc();
    await room.receive(writer, { type: 'update', update: typed(local, 'lagret') });
    expect(updatesSent(reader)).toBe(1);

    state.down = true;
    await expect(room.receive(writer, { type: 'update', update: typed(local, ' tapt?') })).rejects.toBeInstanceOf(
      StorageUnavailable,
    );
    // Nobody saw the unstored change, and a newcomer is turned away rather than served it.
    expect(updatesSent(reader)).toBe(1);
    await expect(room.join(connection('nils'))).rejects.toBeInstanceOf(StorageUnavailable);
    // Any further write is refused the same way while the outage lasts.
    await expect(room.receive(reader, { type: 'update', update: typed(new Y.Doc(), 'annen') })).rejects.toBeInstanceOf(
      StorageUnavailable,
    );
    expect(reader.closedWith).toEqual([]);

    state.down = false;
    // The room reads the stored text again and asks whoever stayed for what they have.
    const asked = reader.sent.length;
    await waitFor(
      () => reader.sent.slice(asked).some((m) => decodeClientMessage(m).type === 'sync-step-1'),
      'the room asking the reader to sync after recovery',
      10_000,
    );
    expect(paragraphTexts(room.doc)).toEqual(['lagret']);
    const newcomer = connection('nils');
    await room.join(newcomer);
    // The writer's client resends what the server lacks, and it is stored and relayed.
    await room.receive(writer, { type: 'update', update: Y.encodeStateAsUpdate(local, Y.encodeStateVector(room.doc)) });
    expect(paragraphTexts(room.doc)).toEqual(['lagret tapt?']);
    expect(updatesSent(newcomer)).toBe(1);
    const stored = new Y.Doc();
    for (const update of await guarded.load(ROOM)) Y.applyUpdate(stored, update);
    expect(paragraphTexts(stored)).toEqual(['lagret tapt?']);
    room.destroy();
  });
});
