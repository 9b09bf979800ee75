import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { stampAwarenessUpdate } from '../protocol/awareness-identity.js';
import { decodeClientMessage } from '../protocol/client-message.js';
import { connectRawClient } from '../test-support/raw-client.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';
const MAX_MESSAGE_BYTES = 64 * 1024;
const FRAMES = 2400;
const PARALLEL = 40;

/** mulberry32: the same frames every run, so a failure can be replayed. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const frameOf = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/**
 * Whether the server would rightly accept this frame: it decodes, and its payload is a valid
 * state vector, update or awareness update. Random generators skip such frames (a random
 * valid update could even change the document); everything else must close the socket.
 */
function acceptable(frame: Uint8Array): boolean {
  try {
    const message = decodeClientMessage(frame);
    switch (message.type) {
      case 'query-awareness':
        return true;
      case 'sync-step-1':
        Y.decodeStateVector(message.stateVector);
        return true;
      case 'sync-step-2':
      case 'update':
        Y.decodeUpdate(message.update);
        return true;
      case 'awareness': {
        const stamped = stampAwarenessUpdate(message.update, { userId: 'u', name: 'n' }, () => true);
        awarenessProtocol.applyAwarenessUpdate(new awarenessProtocol.Awareness(new Y.Doc()), stamped, null);
        return true;
      }
    }
  } catch {
    return false;
  }
}

type Malformed = { kind: string; frame: Uint8Array | string };

function malformedFrames(count: number, random: () => number): Malformed[] {
  const int = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const generators: Array<() => Malformed> = [
    () => ({ kind: 'random bytes', frame: bytes(int(64)) }),
    // A varint whose continuation bit promises more bytes than the frame has.
    () => ({
      kind: 'truncated varint',
      frame: Uint8Array.from([
        ...[[], [0], [0, 2], [1]][int(4)]!,
        ...Array.from({ length: 1 + int(6) }, () => 0x80 | int(128)),
      ]),
    }),
    // A length prefix longer than what follows.
    () => ({
      kind: 'truncated payload',
      frame: frameOf((e) => {
        encoding.writeVarUint(e, int(2));
        if (random() < 0.7) encoding.writeVarUint(e, int(3));
        encoding.writeVarUint(e, 10 + int(1000));
        encoding.writeUint8Array(e, bytes(int(9)));
      }),
    }),
    () => ({
      kind: 'unknown message type',
      frame: frameOf((e) => {
        encoding.writeVarUint(e, [2, 4, 5, 17, 99, 1000, 2 ** 20][int(7)]!);
        encoding.writeUint8Array(e, bytes(int(16)));
      }),
    }),
    () => ({
      kind: 'unknown sync type',
      frame: frameOf((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 3 + int(100));
        encoding.writeVarUint8Array(e, bytes(int(16)));
      }),
    }),
    () => ({
      kind: 'garbage update',
      frame: frameOf((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1 + int(2));
        encoding.writeVarUint8Array(e, bytes(1 + int(80)));
      }),
    }),
    () => ({
      kind: 'garbage state vector',
      frame: frameOf((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, bytes(1 + int(40)));
      }),
    }),
    () => ({
      kind: 'garbage awareness',
      frame: frameOf((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, bytes(1 + int(60)));
      }),
    }),
    () => ({ kind: 'text frame', frame: 'hei' }),
  ];
  const frames: Malformed[] = [];
  while (frames.length < count) {
    const candidate = generators[int(generators.length)]!();
    if (typeof candidate.frame !== 'string' && acceptable(candidate.frame)) continue;
    frames.push(candidate);
  }
  // A few larger than MAX_MESSAGE_BYTES: refused by the WebSocket layer before decoding.
  for (let i = 0; i < 10; i++)
    frames[int(frames.length)] = { kind: 'oversized', frame: bytes(MAX_MESSAGE_BYTES + 1 + int(1000)) };
  return frames;
}

let server: ServerProcess;
let writer: TestSession;
let observer: TestSession;
const honest: SectionClient[] = [];

beforeAll(async () => {
  server = await spawnServer(makeTempDir(), { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) });
  [writer, observer] = await Promise.all([login(server.url, DEMO.kommune), login(server.url, DEMO.observator)]);
});

afterAll(async () => {
  for (const c of honest) c.destroy();
  await server.crash();
});

describe('malformed frames', () => {
  it(`closes every one of ${FRAMES} hostile sockets; the server, the document and the other clients carry on`, async () => {
    const [a, b] = [connectSectionClient(writer, CASE, SECTION), connectSectionClient(writer, CASE, SECTION)];
    honest.push(a, b);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    let disconnects = 0;
    for (const c of honest)
      c.provider.on('status', ({ status }: { status: string }) => void (status === 'disconnected' && disconnects++));
    const textBefore = a.text();
    const stateBefore = Y.encodeStateVector(a.doc);

    const frames = malformedFrames(FRAMES, seeded(20240601));
    const outcomes = new Map<string, number>();
    const stayedOpen: string[] = [];
    for (let start = 0; start < frames.length; start += PARALLEL) {
      await Promise.all(
        frames.slice(start, start + PARALLEL).map(async ({ kind, frame }, i) => {
          const session = (start + i) % 2 === 0 ? writer : observer;
          const client = connectRawClient(server.url, CASE, SECTION, { session });
          expect(await client.opened).toBe(true);
          client.socket.send(frame);
          // A deadline, not a proof of absence: a socket still open after it is reported below.
          const closed = await Promise.race([
            client.closed,
            new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
          ]);
          if (!closed) {
            stayedOpen.push(kind);
            client.socket.terminate();
            return;
          }
          const key = `${kind} → ${closed.code}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        }),
      );
    }

    expect(stayedOpen).toEqual([]);
    // Every close is one the server chose for the frame: not a dropped connection (1006),
    // not an internal error (1011).
    for (const key of outcomes.keys()) expect(key).not.toMatch(/→ (1006|1011)$/);
    expect(outcomes.get('oversized → 1009')).toBeGreaterThan(0);
    expect(server.child.exitCode).toBeNull();

    expect(disconnects).toBe(0);
    expect(a.text()).toBe(textBefore);
    expect(b.text()).toBe(textBefore);
    const fresh = connectSectionClient(writer, CASE, SECTION);
    honest.push(fresh);
    await waitForSync(fresh);
    expect(fresh.text()).toBe(textBefore);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(stateBefore);

    a.type(' Etter angrepet.');
    await waitFor(() => b.text().endsWith(' Etter angrepet.'), 'an honest edit to reach the other client');
  });
});
