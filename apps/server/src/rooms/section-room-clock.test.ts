import type { Decision } from '@samraad/schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { StorageUnavailable } from '../persistence/document-store.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import {
  createMemoryAuditLog,
  createMemoryDocumentStore,
  type MemoryDocumentStore,
} from '../test-support/memory-document-store.js';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';
import { WriteRefused, type RoomConnection } from './room-connection.js';
import { SectionRoom } from './section-room.js';

// The room's batching, lock and recovery logic on a fake clock and an in-memory store: no
// database, no network, no real time. Every wait below is on an event the room gives.

const ROOM = 'case/c/section/s';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

type Recording = RoomConnection & { sent: Uint8Array[]; closedWith: number[] };

function connection(userId: string, mayWrite: () => Promise<Decision> = () => Promise.resolve({ allowed: true })) {
  const recording: Recording = {
    actor: { userId, name: userId },
    sent: [],
    closedWith: [],
    mayWrite,
    send(message) {
      recording.sent.push(message);
    },
    close(code) {
      recording.closedWith.push(code);
    },
  };
  return recording;
}

const relayedTo = (reader: Recording) =>
  reader.sent.filter((message) => decodeClientMessage(message).type === 'update').length;

async function openRoom(store: MemoryDocumentStore = createMemoryDocumentStore(), compactAfterUpdates = 1000) {
  const audit = createMemoryAuditLog();
  const room = await SectionRoom.load(ROOM, store, { compactAfterUpdates, audit });
  return { room, store, audit };
}

/** One author's copy: `type` appends text and hands the room the update, as a client sends it. */
function typist(room: SectionRoom, author: RoomConnection) {
  const doc = new Y.Doc();
  return (text: string): Promise<void> => {
    const before = Y.encodeStateVector(doc);
    paragraphText(doc).insert(paragraphText(doc).length, text);
    return room.receive(author, { type: 'update', update: Y.encodeStateAsUpdate(doc, before) });
  };
}

describe('a section room on a fake clock', () => {
  it('stores what arrives during a commit as one batch, and relays nothing before it is stored', async () => {
    const { room, store } = await openRoom();
    const author = connection('kari');
    const reader = connection('olga');
    await room.join(author);
    await room.join(reader);
    const type = typist(room, author);

    const held = store.holdNextCommit();
    const first = type('a');
    await held.reached;
    const rest = [type('b'), type('c'), type('d')];
    // The first commit is held: nothing relayed, the others wait in the inbox.
    expect(relayedTo(reader)).toBe(0);
    expect(store.calls).toEqual(['load', 'appendAll:1']);

    held.release();
    await Promise.all([first, ...rest]);
    expect(store.calls).toEqual(['load', 'appendAll:1', 'appendAll:3']);
    expect(relayedTo(reader)).toBe(4);
    expect(paragraphTexts(room.doc)).toEqual(['abcd']);
  });

  it('applies a lock taken between two batches to every update after it, and to none before', async () => {
    const { room, store } = await openRoom();
    let locked = false;
    const decide = () => Promise.resolve<Decision>(locked ? { allowed: false, reason: 'locked' } : { allowed: true });
    const author = connection('kari', decide);
    await room.join(author);
    const type = typist(room, author);

    const held = store.holdNextCommit();
    const first = type('a');
    await held.reached;
    // Queued behind the held commit: a batch, then the lock (as the final approval takes it).
    const queued = type('b');
    let sealedText: string | null = null;
    const lock = room.exclusive(() => {
      sealedText = paragraphTexts(room.doc).join('');
      locked = true;
      return Promise.resolve();
    });
    // Arrives after the lock was asked for, while the batch before it still waits: it joins
    // that batch, so it is in the text the lock reads.
    const joined = type('c');
    held.release();
    await Promise.all([first, queued, joined, lock]);
    expect(sealedText).toBe('abc');

    await expect(type('d')).rejects.toThrow(WriteRefused);
    expect(paragraphTexts(room.doc).join('')).toBe('abc');
    expect(store.calls.filter((call) => call.startsWith('appendAll'))).toEqual(['appendAll:1', 'appendAll:2']);
  });

  it('folds the log once the threshold is passed and no update waits, deferring it while one does', async () => {
    const { room, store } = await openRoom(undefined, 2);
    const author = connection('kari');
    await room.join(author);
    const type = typist(room, author);

    const held = store.holdNextCommit();
    const first = type('a');
    await held.reached;
    const second = type('b');
    const secondHeld = store.holdNextCommit();
    held.release();
    await secondHeld.reached;
    // Two rows stored with c waiting behind: due, but deferred.
    const third = type('c');
    secondHeld.release();
    await Promise.all([first, second, third]);
    expect(store.calls).toEqual(['load', 'appendAll:1', 'appendAll:1', 'appendAll:1', 'compact']);
    expect(await store.pendingUpdates(ROOM)).toBe(0);
  });

  it('refuses writers while storage is away and reads the document again on a doubling timer', async () => {
    const { room, store } = await openRoom();
    const author = connection('kari');
    const reader = connection('olga', () => Promise.resolve({ allowed: false, reason: 'observer' }));
    await room.join(author);
    await room.join(reader);
    const type = typist(room, author);
    await type('lagret');

    store.down = true;
    await expect(type(' tapt')).rejects.toThrow(StorageUnavailable);
    await expect(room.join(connection('per'))).rejects.toThrow(StorageUnavailable);
    const loads = () => store.calls.filter((call) => call === 'load').length;
    expect(loads()).toBe(1);

    // First attempt after 250 ms; it fails, so the next comes 500 ms later, then every 1 s.
    await vi.advanceTimersByTimeAsync(249);
    expect(loads()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads()).toBe(2);
    await vi.advanceTimersByTimeAsync(499);
    expect(loads()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads()).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(loads()).toBe(4);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(loads()).toBe(5);

    store.down = false;
    const asked = reader.sent.length;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(loads()).toBe(6);
    // Recovered: the unstored text is gone, those who stayed are asked for theirs, writers are welcome.
    expect(paragraphTexts(room.doc)).toEqual(['lagret']);
    expect(reader.sent.slice(asked).map((message) => decodeClientMessage(message).type)).toEqual(['sync-step-1']);
    const per = connection('per');
    await room.join(per);
    const perTypes = typist(room, per);
    await perTypes('ny');
    expect(paragraphTexts(room.doc).sort()).toEqual(['lagret', 'ny']);

    // The delay starts again from 250 ms at the next outage.
    store.down = true;
    await expect(perTypes(' igjen')).rejects.toThrow(StorageUnavailable);
    store.down = false;
    await vi.advanceTimersByTimeAsync(249);
    expect(loads()).toBe(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(loads()).toBe(7);
  });
});
