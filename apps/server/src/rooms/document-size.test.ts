import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSqlAuditLog } from '../audit/audit-log.js';
import type { Storage } from '../db/storage.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';
import { openTestSql } from '../test-support/test-database.js';
import type { RoomConnection } from './room-connection.js';
import { DocumentTooLarge, SectionRoom } from './section-room.js';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';

const ROOM = 'case/c/section/s';
let db: Storage | null = null;

afterEach(async () => {
  await db?.close();
  db = null;
});

const author: RoomConnection = {
  actor: { userId: 'u1', name: 'Kari Lind' },
  mayWrite: () => Promise.resolve({ allowed: true }),
  send() {},
  close() {},
};

describe('maxDocumentBytes', () => {
  it('refuses growth past the limit, unapplied and unstored, but still accepts a deletion at the limit', async () => {
    db = await openTestSql();
    const store = createSqlDocumentStore(db);
    const client = new Y.Doc();
    paragraphText(client).insert(0, 'a'.repeat(1500));
    const first = Y.encodeStateAsUpdate(client);
    // Room for a few bytes more: nothing more than a deletion fits.
    const room = await SectionRoom.load(ROOM, store, {
      compactAfterUpdates: 1000,
      audit: createSqlAuditLog(db),
      maxDocumentBytes: first.byteLength + 4,
    });
    await room.join(author);
    const send = async (change: (text: Y.XmlText) => void) => {
      const before = Y.encodeStateVector(client);
      change(paragraphText(client));
      await room.receive(author, { type: 'update', update: Y.encodeStateAsUpdate(client, before) });
    };

    await room.receive(author, { type: 'update', update: first });
    await expect(send((t) => t.insert(1500, 'b'.repeat(20)))).rejects.toBeInstanceOf(DocumentTooLarge);
    await expect(send((t) => t.insert(1500, 'b'.repeat(1000)))).rejects.toBeInstanceOf(DocumentTooLarge);
    expect(paragraphTexts(room.doc).join('\n')).toBe('a'.repeat(1500));
    expect(await store.pendingUpdates(ROOM)).toBe(1);

    // The refused insertion is still in the client's copy; a fresh client deletes instead.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.mergeUpdates(await store.load(ROOM)));
    const before = Y.encodeStateVector(fresh);
    paragraphText(fresh).delete(0, 100);
    await room.receive(author, { type: 'update', update: Y.encodeStateAsUpdate(fresh, before) });
    expect(paragraphText(room.doc).length).toBe(1400);
  });
});
