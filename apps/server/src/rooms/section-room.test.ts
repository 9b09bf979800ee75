import { afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as awareness from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Storage } from '../db/storage.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import { ProtocolError } from '../protocol/message-types.js';
import { createSqlAuditLog } from '../audit/audit-log.js';
import { openTestSql } from '../test-support/test-database.js';
import { WriteRefused, type RoomConnection } from './room-connection.js';
import { SectionRoom } from './section-room.js';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';

const ROOM = 'case/c/section/s';
const writer = () => Promise.resolve({ allowed: true } as const);
const observer = () => Promise.resolve({ allowed: false, reason: 'observer' } as const);
let db: Storage | null = null;

afterEach(async () => {
  await db?.close();
  db = null;
});

async function setUp(compactAfterUpdates = 1000) {
  db = await openTestSql();
  const store = createSqlDocumentStore(db);
  const audit = createSqlAuditLog(db);
  return { store, audit, room: await SectionRoom.load(ROOM, store, { compactAfterUpdates, audit }) };
}

function recordingConnection(
  onSend: (message: Uint8Array) => void = () => {},
  may: RoomConnection['mayWrite'] = writer,
  actor = { userId: 'u1', name: 'Kari Lind' },
): RoomConnection & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    actor,
    mayWrite: may,
    send(message) {
      sent.push(message);
      onSend(message);
    },
    close() {},
  };
}

function clientUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  paragraphText(doc).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function textOfUpdates(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return paragraphTexts(doc).join('\n');
}

async function storedText(store: ReturnType<typeof createSqlDocumentStore>): Promise<string> {
  const doc = new Y.Doc();
  const updates = await store.load(ROOM);
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return paragraphTexts(doc).join('\n');
}

describe('SectionRoom', () => {
  it('greets a joining client with sync step 1', async () => {
    const { room } = await setUp();
    const connection = recordingConnection();
    await room.join(connection);
    expect(decodeClientMessage(connection.sent[0]!).type).toBe('sync-step-1');
  });

  it('stores an update before any other client receives it', async () => {
    const { store, room } = await setUp();
    const author = recordingConnection();
    const storedWhenBroadcast: Promise<string>[] = [];
    const reader = recordingConnection((message) => {
      if (decodeClientMessage(message).type === 'update')
        storedWhenBroadcast.push(store.load(ROOM).then(textOfUpdates));
    });
    await room.join(author);
    await room.join(reader);

    await room.receive(author, { type: 'update', update: clientUpdate('likeverdig eierskap') });

    expect(await Promise.all(storedWhenBroadcast)).toEqual(['likeverdig eierskap']);
    // The author already has its own edit: it is not echoed back.
    expect(author.sent.map((m) => decodeClientMessage(m).type)).not.toContain('update');
  });

  it('stores updates that arrive together in one commit, relays none before it, and refuses only the refused one', async () => {
    db = await openTestSql();
    const base = createSqlDocumentStore(db);
    const commits: number[] = [];
    const store = {
      ...base,
      appendAll: async (room: string, updates: readonly Uint8Array[]) => {
        commits.push(updates.length);
        await base.appendAll(room, updates);
      },
    };
    const room = await SectionRoom.load(ROOM, store, { compactAfterUpdates: 1000, audit: createSqlAuditLog(db) });
    const storedWhenBroadcast: Promise<number>[] = [];
    const reader = recordingConnection(
      (message) => {
        if (decodeClientMessage(message).type === 'update') storedWhenBroadcast.push(base.pendingUpdates(ROOM));
      },
      observer,
      { userId: 'u9', name: 'Olga Strand' },
    );
    const authors = ['u1', 'u2', 'u3'].map((userId) =>
      recordingConnection(undefined, writer, { userId, name: userId }),
    );
    for (const connection of [reader, ...authors]) await room.join(connection);
    const texts = ['a', 'b', 'c'].map((letter) => {
      const doc = new Y.Doc();
      paragraphText(doc).insert(0, letter);
      return Y.encodeStateAsUpdate(doc);
    });

    const outcomes = await Promise.allSettled([
      ...authors.map((author, index) => room.receive(author, { type: 'update', update: texts[index]! })),
      room.receive(reader, { type: 'update', update: clientUpdate('innsmett') }),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(commits).toEqual([3]);
    // Each of the three relays went out with all three already stored.
    expect(await Promise.all(storedWhenBroadcast)).toEqual([3, 3, 3]);
    // Each author's paragraph is there once, in the order Yjs gives concurrent inserts.
    expect(paragraphTexts(room.doc).sort()).toEqual(['a', 'b', 'c']);
  });

  it('refuses a garbled update without touching the document or storage', async () => {
    const { store, room } = await setUp();
    const author = recordingConnection();
    await room.join(author);
    await room.receive(author, { type: 'update', update: clientUpdate('før') });
    const garbled = clientUpdate('etter').slice(0, 7);
    await expect(room.receive(author, { type: 'update', update: garbled })).rejects.toThrow(ProtocolError);
    expect(paragraphTexts(room.doc).join('\n')).toBe('før');
    expect(await storedText(store)).toBe('før');
  });

  it('drops what an update whose parts wait on each other leaves pending, and refuses its sender', async () => {
    const { store, room } = await setUp();
    const author = recordingConnection();
    const reader = recordingConnection(undefined, observer, { userId: 'u2', name: 'Olga Strand' });
    await room.join(author);
    await room.join(reader);
    const first = new Y.Doc();
    first.clientID = 1;
    // The paragraph is 1:0, its text run 1:1 and 'a' 1:2: the next struct of client 1 is 1:3.
    paragraphText(first).insert(0, 'a');
    await room.receive(author, { type: 'update', update: Y.encodeStateAsUpdate(first) });
    const relayedBefore = reader.sent.length;

    // Hand-written (Yjs never writes this): 1:3 is placed after 2:0, and 2:0 after 1:3. Each
    // client's sequence and each neighbour is within reach, so only applying shows that
    // neither can be placed first.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    for (const [client, clock, origin, text] of [
      [2, 0, [1, 3], 'b'],
      [1, 3, [2, 0], 'c'],
    ] as const) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
      encoding.writeUint8(encoder, 0x80 | 4); // has a left origin; string content
      encoding.writeVarUint(encoder, origin[0]);
      encoding.writeVarUint(encoder, origin[1]);
      encoding.writeVarString(encoder, text);
    }
    encoding.writeVarUint(encoder, 0); // no deletions
    const circular = encoding.toUint8Array(encoder);

    const refusal = room.receive(author, { type: 'update', update: circular });
    await expect(refusal).rejects.toThrow(ProtocolError);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(Y.encodeStateAsUpdate(room.doc).byteLength).toBe(Y.encodeStateAsUpdate(first).byteLength);
    expect(await storedText(store)).toBe('a');
    expect(reader.sent.length).toBe(relayedBefore);
  });

  it('compacts the log once it grows past the limit', async () => {
    const { store, room } = await setUp(3);
    const author = recordingConnection();
    await room.join(author);
    const doc = new Y.Doc();
    const received: Promise<void>[] = [];
    doc.on('update', (update: Uint8Array) => received.push(room.receive(author, { type: 'update', update })));
    for (const word of ['a', 'b', 'c', 'd']) paragraphText(doc).insert(paragraphText(doc).length, word);
    await Promise.all(received);
    expect(await store.pendingUpdates(ROOM)).toBeLessThan(3);
    expect(await storedText(store)).toBe('abcd');
  });

  it('defers folding the log while another update waits, and folds it once the room is quiet', async () => {
    db = await openTestSql();
    const base = createSqlDocumentStore(db);
    const rowsBeforeEachCommit: number[] = [];
    let gate: Promise<void> | null = null;
    // Barrier: resolves when the room's next commit has counted the rows and waits at the gate.
    let commitReached = () => {};
    const nextCommit = () => new Promise<void>((resolve) => (commitReached = resolve));
    const store = {
      ...base,
      appendAll: async (room: string, updates: readonly Uint8Array[]) => {
        rowsBeforeEachCommit.push(await base.pendingUpdates(room));
        commitReached();
        await gate;
        await base.appendAll(room, updates);
      },
    };
    const room = await SectionRoom.load(ROOM, store, { compactAfterUpdates: 2, audit: createSqlAuditLog(db) });
    const author = recordingConnection();
    await room.join(author);
    const doc = new Y.Doc();
    const sent: Promise<void>[] = [];
    const type = (text: string) => {
      paragraphText(doc).insert(paragraphText(doc).length, text);
      sent.push(room.receive(author, { type: 'update', update: Y.encodeStateAsUpdate(doc) }));
    };
    let release = () => {};
    gate = new Promise((resolve) => (release = resolve));
    let reached = nextCommit();
    type('a'); // batch 1, held while b and c arrive
    await reached;
    type('b');
    type('c');
    const firstRelease = release;
    gate = new Promise((resolve) => (release = resolve));
    reached = nextCommit();
    firstRelease(); // batch 1 stored (1 row); batch 2 (b, c) held while d arrives
    await reached;
    type('d');
    gate = null;
    release();
    await Promise.all(sent);
    // Batch 2 reached the threshold with d waiting: d's commit found all three rows unfolded.
    expect(rowsBeforeEachCommit).toEqual([0, 1, 3]);
    expect(await base.pendingUpdates(ROOM)).toBe(0);
    expect(await storedText(base)).toBe('abcd');
  });

  it('refuses a change from a connection that may not write, and records the refusal', async () => {
    const { store, audit, room } = await setUp();
    const author = recordingConnection();
    const reader = recordingConnection(undefined, observer, { userId: 'u2', name: 'Olga Strand' });
    await room.join(author);
    await room.join(reader);
    await room.receive(author, { type: 'update', update: clientUpdate('tekst') });
    const sentBefore = author.sent.length;

    await expect(room.receive(reader, { type: 'update', update: clientUpdate('innsmett') })).rejects.toThrow(
      WriteRefused,
    );

    expect(paragraphTexts(room.doc).join('\n')).toBe('tekst');
    expect(await storedText(store)).toBe('tekst');
    expect(author.sent.length).toBe(sentBefore);
    expect((await audit.listForCase('c')).map((e) => `${e.userId}:${e.action}`)).toEqual(['u2:refused', 'u1:update']);
  });

  it("accepts a reader's sync step 2 that adds nothing", async () => {
    const { room } = await setUp();
    const author = recordingConnection();
    await room.join(author);
    const update = clientUpdate('tekst');
    await room.receive(author, { type: 'update', update });
    const reader = recordingConnection(undefined, observer);
    await room.join(reader);
    await expect(room.receive(reader, { type: 'sync-step-2', update })).resolves.toBeUndefined();
    await expect(
      room.receive(reader, { type: 'sync-step-2', update: Y.encodeStateAsUpdate(new Y.Doc()) }),
    ).resolves.toBeUndefined();
  });

  it('overwrites the name a client claims in awareness with the logged-in user', async () => {
    const { room } = await setUp();
    const peer = new Y.Doc();
    const state = new awareness.Awareness(peer);
    state.setLocalState({ user: { name: 'Nils Berg (forfalsket)', color: '#1f6f8b' }, cursor: null });
    const connection = recordingConnection(undefined, writer, { userId: 'u9', name: 'Olga Strand' });
    await room.join(connection);
    await room.receive(connection, {
      type: 'awareness',
      update: awareness.encodeAwarenessUpdate(state, [peer.clientID]),
    });
    expect(room.awareness.getStates().get(peer.clientID)).toEqual({
      user: { name: 'Olga Strand', color: '#1f6f8b', id: 'u9' },
      cursor: null,
    });
  });

  it('ignores awareness for a client id another connection owns (stock clients echo it)', async () => {
    const { room } = await setUp();
    const peer = new Y.Doc();
    const state = new awareness.Awareness(peer);
    state.setLocalState({ user: { name: 'x', color: '#000000' } });
    const owner = recordingConnection();
    const impostor = recordingConnection(undefined, writer, { userId: 'u3', name: 'Impostor' });
    await room.join(owner);
    await room.join(impostor);
    const update = awareness.encodeAwarenessUpdate(state, [peer.clientID]);
    await room.receive(owner, { type: 'awareness', update });
    const ownersState = room.awareness.getStates().get(peer.clientID);
    // A later, higher clock from the impostor would win if it were applied.
    state.setLocalState({ user: { name: 'x', color: '#000000' }, cursor: 'moved' });
    await room.receive(impostor, {
      type: 'awareness',
      update: awareness.encodeAwarenessUpdate(state, [peer.clientID]),
    });
    expect(room.awareness.getStates().get(peer.clientID)).toEqual(ownersState);
  });

  it('removes the awareness of a client that leaves', async () => {
    const { room } = await setUp();
    const peer = new Y.Doc();
    const { Awareness, encodeAwarenessUpdate } = awareness;
    const state = new Awareness(peer);
    state.setLocalState({ user: { name: 'Trude', color: '#1f6f8b' } });
    const connection = recordingConnection();
    await room.join(connection);
    await room.receive(connection, { type: 'awareness', update: encodeAwarenessUpdate(state, [peer.clientID]) });
    expect(room.awareness.getStates().get(peer.clientID)).toEqual({
      user: { name: 'Kari Lind', color: '#1f6f8b', id: 'u1' },
    });
    room.leave(connection);
    expect(room.awareness.getStates().has(peer.clientID)).toBe(false);
  });
});
