import { sectionRoomName } from '@samraad/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { writeAwarenessUpdate, type AwarenessEntry } from '../protocol/awareness-identity.js';
import type { TestSession } from './session.js';
import { waitFor } from './yjs-client.js';

// The protocol's own awareness encoding: it writes any entries as given and checks nothing,
// so the raw client can still claim whatever client ids and states it likes.
export type { AwarenessEntry };

/**
 * A hostile client: y-protocols bytes written by hand, no editor, no provider, nothing that
 * would stop it from sending what the UI never would.
 */
export interface RawClient {
  socket: WebSocket;
  received: Uint8Array[];
  /** Resolves with the close code and reason once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<boolean>;
  sendUpdate(update: Uint8Array): void;
  sendSyncStep1(stateVector?: Uint8Array): void;
  sendRaw(frame: Uint8Array): void;
  /** Claims presence for any awareness client ids, with any states, as a hand-written client can. */
  sendAwareness(entries: AwarenessEntry[]): void;
  sendQueryAwareness(): void;
  /** Every document update the server sent this client (sync step 2 and updates). */
  documentPayloads(): Uint8Array[];
}

export function connectRawClient(
  baseUrl: string,
  caseId: string,
  sectionId: string,
  { session, origin = baseUrl, cookie }: { session?: TestSession; origin?: string; cookie?: string } = {},
): RawClient {
  const headers: Record<string, string> = { origin };
  const cookieHeader = cookie ?? session?.cookie;
  if (cookieHeader) headers.cookie = cookieHeader;
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/${sectionRoomName({ caseId, sectionId })}`, {
    headers,
  });
  socket.binaryType = 'arraybuffer';
  const received: Uint8Array[] = [];
  socket.on('message', (data: ArrayBuffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    // A refused upgrade never opens: report it as 1006 with the HTTP status as reason.
    socket.on('unexpected-response', (request, response) => {
      resolve({ code: 1006, reason: `HTTP ${response.statusCode}` });
      request.destroy();
    });
    socket.on('error', () => undefined);
  });
  const opened = new Promise<boolean>((resolve) => {
    socket.on('open', () => resolve(true));
    void closed.then(() => resolve(false));
  });
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    write(encoder);
    socket.send(encoding.toUint8Array(encoder));
  };
  return {
    socket,
    received,
    closed,
    opened,
    sendUpdate(update) {
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, update);
      });
    },
    sendSyncStep1(stateVector = Y.encodeStateVector(new Y.Doc())) {
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, stateVector);
      });
    },
    sendRaw(bytes) {
      socket.send(bytes);
    },
    sendAwareness(entries) {
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, writeAwarenessUpdate(entries));
      });
    },
    sendQueryAwareness() {
      frame((e) => encoding.writeVarUint(e, 3));
    },
    documentPayloads() {
      const payloads: Uint8Array[] = [];
      for (const message of received) {
        const decoder = decoding.createDecoder(message);
        if (decoding.readVarUint(decoder) !== 0) continue;
        const syncType = decoding.readVarUint(decoder);
        if (syncType === 1 || syncType === 2) payloads.push(decoding.readVarUint8Array(decoder));
      }
      return payloads;
    },
  };
}

/**
 * The close the server sent, failing the test if the socket is still open after `timeoutMs`
 * (so an attack the server tolerates fails with a reason instead of the test's timeout).
 */
export async function closedWithin(
  client: RawClient,
  what: string,
  timeoutMs = 5000,
): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const stayedOpen = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server kept the socket open after ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([client.closed, stayedOpen]);
  } finally {
    clearTimeout(timer);
  }
}

/** An update that appends `text` to the first paragraph of a section document `base`. */
export function appendTextUpdate(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  const fragment = base.getXmlFragment('default');
  const paragraph = fragment.get(0) as Y.XmlElement;
  const content = paragraph.get(0) as Y.XmlText;
  content.insert(content.length, text);
  return Y.encodeStateAsUpdate(base, before);
}

/**
 * A raw client connected as `session` once the server has sent it the section, with a local
 * copy of what it received: the base a hostile update is written against.
 */
export async function connectRawWriter(
  session: TestSession,
  caseId: string,
  sectionId: string,
): Promise<{ client: RawClient; local: Y.Doc }> {
  const client = connectRawClient(session.baseUrl, caseId, sectionId, { session });
  if (!(await client.opened)) throw new Error(`the server refused a socket to ${sectionId}`);
  client.sendSyncStep1();
  await waitFor(() => client.documentPayloads().length > 0, `${sectionId} from the server`);
  const local = new Y.Doc();
  for (const payload of client.documentPayloads()) Y.applyUpdate(local, payload);
  return { client, local };
}

/**
 * A barrier for "nothing arrived": asks the server for everything its copy of the section
 * holds beyond `local` (sync step 1 with local's state vector) and waits for the answer. The
 * room handles the request after every message before it, and anything it relayed to this
 * socket earlier arrives first. Afterwards `local` holds everything the socket received.
 */
export async function syncRoundTrip(client: RawClient, local: Y.Doc): Promise<void> {
  const before = client.documentPayloads().length;
  client.sendSyncStep1(Y.encodeStateVector(local));
  await waitFor(() => client.documentPayloads().length > before, 'the answer to sync step 1');
  for (const payload of client.documentPayloads()) Y.applyUpdate(local, payload);
}
