import { afterEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createSqlAuditLog } from '../audit/audit-log.js';
import type { Storage } from '../db/storage.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import { MemoryFanoutHub } from '../test-support/memory-fanout.js';
import { openTestSql } from '../test-support/test-database.js';
import { waitFor } from '../test-support/yjs-client.js';
import type { RoomConnection } from './room-connection.js';
import { SectionRoom } from './section-room.js';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';

const ROOM = 'case/c/section/s';
let db: Storage | null = null;

afterEach(async () => {
  await db?.close();
  db = null;
});

function connection(userId = 'u1'): RoomConnection & { updates: () => string[] } {
  const sent: Uint8Array[] = [];
  return {
    actor: { userId, name: userId },
    mayWrite: () => Promise.resolve({ allowed: true }),
    send: (message) => sent.push(message),
    close() {},
    // The text each relayed update carries, as a client would see it arrive.
    updates: () =>
      sent.map((m) => decodeClientMessage(m)).flatMap((m) => (m.type === 'update' ? [textOf([m.update])] : [])),
  };
}

function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  paragraphText(doc).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return paragraphTexts(doc).join('\n');
}

/** Two "instances" of one room on one database, joined by an in-memory Redis. */
async function twoInstances(wrapStore: (store: DocumentStore) => DocumentStore = (s) => s) {
  db = await openTestSql();
  const store = createSqlDocumentStore(db);
  const audit = createSqlAuditLog(db);
  const hub = new MemoryFanoutHub();
  const a = await SectionRoom.load(ROOM, store, { compactAfterUpdates: 1000, audit, fanout: hub.fanout('a') });
  const b = await SectionRoom.load(ROOM, wrapStore(store), {
    compactAfterUpdates: 1000,
    audit,
    fanout: hub.fanout('b'),
  });
  return { store, hub, a, b };
}

describe('SectionRoom with fan-out to other instances', () => {
  it("relays another instance's update to its own clients without storing it again", async () => {
    const { store, a, b } = await twoInstances();
    const author = connection();
    const reader = connection('u2');
    await a.join(author);
    await b.join(reader);
    await a.receive(author, { type: 'update', update: edit('felles tekst') });
    await waitFor(() => reader.updates().length > 0, 'the update to reach the other instance');
    expect(reader.updates()).toEqual(['felles tekst']);
    expect(paragraphTexts(b.doc).join('\n')).toBe('felles tekst');
    expect(await store.pendingUpdates(ROOM)).toBe(1);
  });

  it('publishes an update only once it is stored', async () => {
    const { store, hub, a } = await twoInstances();
    const storedAtPublish: Promise<string>[] = [];
    const deliver = hub.deliver.bind(hub);
    hub.deliver = (instanceId, room, message) => {
      if (message.kind === 'update') storedAtPublish.push(store.load(ROOM).then(textOf));
      deliver(instanceId, room, message);
    };
    const author = connection();
    await a.join(author);
    await a.receive(author, { type: 'update', update: edit('lagret først') });
    expect(await Promise.all(storedAtPublish)).toEqual(['lagret først']);
  });

  it('keeps an update another instance stored while this room was loading', async () => {
    db = await openTestSql();
    const store = createSqlDocumentStore(db);
    const audit = createSqlAuditLog(db);
    const hub = new MemoryFanoutHub();
    const late = edit('kom under lasting');
    // The other instance stores and publishes right after our read: it is not in what we
    // read, only in what the subscription, opened before the read, delivered.
    const racing: DocumentStore = {
      ...store,
      async load(room) {
        const stored = await store.load(room);
        await store.append(room, late);
        hub.deliver('a', room, { kind: 'update', payload: late });
        return stored;
      },
    };
    const b = await SectionRoom.load(ROOM, racing, { compactAfterUpdates: 1000, audit, fanout: hub.fanout('b') });
    await waitFor(
      () => paragraphTexts(b.doc).join('\n') === 'kom under lasting',
      'the update published during the load',
    );
  });

  it('reads the database again after a gap in the subscription', async () => {
    const { hub, a, b } = await twoInstances();
    const author = connection();
    const reader = connection('u2');
    await a.join(author);
    await b.join(reader);
    hub.dropping = true;
    await a.receive(author, { type: 'update', update: edit('tapt melding') });
    expect(paragraphTexts(b.doc).join('\n')).toBe('');
    hub.dropping = false;
    hub.gap();
    await waitFor(() => reader.updates().includes('tapt melding'), 'the reloaded update to reach the client');
    expect(paragraphTexts(b.doc).join('\n')).toBe('tapt melding');
  });

  it("shares its clients' presence but does not send other instances' presence back", async () => {
    const { hub, a, b } = await twoInstances();
    const there = connection('kari');
    const here = connection('nils');
    await a.join(there);
    await b.join(here);
    const peer = new Y.Doc();
    const state = new awarenessProtocol.Awareness(peer);
    state.setLocalState({ user: { name: 'x', color: '#1f6f8b' } });
    await a.receive(there, {
      type: 'awareness',
      update: awarenessProtocol.encodeAwarenessUpdate(state, [peer.clientID]),
    });
    await waitFor(() => b.awareness.getStates().has(peer.clientID), 'presence on the other instance');
    expect(b.awareness.getStates().get(peer.clientID)).toEqual({
      user: { name: 'kari', color: '#1f6f8b', id: 'kari' },
    });
    expect(hub.published.filter((p) => p.message.kind === 'awareness').map((p) => p.instanceId)).toEqual(['a']);
    a.leave(there);
    await waitFor(() => !b.awareness.getStates().has(peer.clientID), 'the departure on the other instance');
  });

  it("keeps a client id that a user has on another instance from anyone else's connection here", async () => {
    const { a, b } = await twoInstances();
    const kari = connection('kari');
    const olga = connection('olga');
    await a.join(kari);
    await b.join(olga);
    const peer = new Y.Doc();
    const state = new awarenessProtocol.Awareness(peer);
    state.setLocalState({ user: { name: 'x', color: '#1f6f8b' } });
    await a.receive(kari, {
      type: 'awareness',
      update: awarenessProtocol.encodeAwarenessUpdate(state, [peer.clientID]),
    });
    await waitFor(() => b.awareness.getStates().has(peer.clientID), 'presence on the other instance');
    a.leave(kari);
    await waitFor(() => !b.awareness.getStates().has(peer.clientID), 'the departure on the other instance');

    // Kari's id, with a newer clock, from Olga's connection on the other instance.
    state.setLocalState({ user: { name: 'x', color: '#1f6f8b' }, cursor: 'falsk' });
    await b.receive(olga, {
      type: 'awareness',
      update: awarenessProtocol.encodeAwarenessUpdate(state, [peer.clientID]),
    });
    expect(b.awareness.getStates().has(peer.clientID)).toBe(false);
  });
});
