import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SqlClient } from '../db/sql-client.js';
import { openTestSql } from '../test-support/test-database.js';
import { createSqlDocumentStore } from './sql-document-store.js';

const ROOM = 'case/c/section/s';
let db: SqlClient | null = null;

async function freshStore() {
  db = await openTestSql();
  return createSqlDocumentStore(db);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc.getText('t').toString();
}

afterEach(async () => {
  await db?.close();
  db = null;
});

describe('sqlite document store', () => {
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
});
