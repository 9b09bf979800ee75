/**
 * Raw y-protocols clients. Receivers decode only the header of each relayed update to learn
 * which keystroke it carries, so the load generator stays light next to the server it measures.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { appendParagraph, applyPatch, type Patch } from './workload/trace.js';
import { forEachUpdateKey } from './update-keys.js';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const HOCUSPOCUS_AUTH = 2;

/** How a server frames y-protocols messages on the wire. */
export type Dialect = 'y-websocket' | 'hocuspocus';

export interface ClientTarget {
  url: string;
  headers: Record<string, string>;
  dialect: Dialect;
  /** Hocuspocus multiplexes documents on a socket and names the document in every frame. */
  documentName: string;
}

/** Identifies the keystroke an update carries: its first new item, or its first deletion. */
export function updateKey(update: Uint8Array): string | null {
  const decoder = decoding.createDecoder(update);
  const structGroups = decoding.readVarUint(decoder);
  if (structGroups > 0) {
    decoding.readVarUint(decoder); // structs in the group
    const client = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    return `i${client}:${clock}`;
  }
  const deleteGroups = decoding.readVarUint(decoder);
  if (deleteGroups === 0) return null;
  const client = decoding.readVarUint(decoder);
  decoding.readVarUint(decoder); // ranges
  const clock = decoding.readVarUint(decoder);
  return `d${client}:${clock}`;
}

export interface ClientOptions {
  /** Apply the initial sync into a Y.Doc (for cold-open timing and content checks). */
  keepDocument?: boolean;
  onRelayedUpdate?: (key: string, receivedAt: number) => void;
  /** Presence entries (client id and clock) in each awareness message received. */
  onAwareness?: (entries: Array<{ clientId: number; clock: number }>, receivedAt: number) => void;
}

export class BenchClient {
  readonly doc = new Y.Doc();
  private readonly socket: WebSocket;
  private synced = false;
  private syncedWaiters: Array<() => void> = [];
  closedWith: { code: number; reason: string } | null = null;

  private constructor(
    private readonly target: ClientTarget,
    private readonly options: ClientOptions,
  ) {
    this.socket = new WebSocket(target.url, { headers: target.headers, perMessageDeflate: false });
    this.socket.binaryType = 'nodebuffer';
    this.socket.on('message', (data: Buffer) => this.receive(data));
    this.socket.on('close', (code, reason) => {
      this.closedWith = { code, reason: reason.toString() };
      for (const waiter of this.syncedWaiters) waiter();
    });
  }

  /** Opens a socket and resolves once the server's state has arrived (sync step 2). */
  static async connect(target: ClientTarget, options: ClientOptions = {}, timeoutMs = 60_000): Promise<BenchClient> {
    const client = new BenchClient(target, options);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync from ${target.url} in ${timeoutMs} ms`)), timeoutMs);
      client.socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      client.socket.once('open', () => {
        if (target.dialect === 'hocuspocus') {
          const auth = encoding.createEncoder();
          encoding.writeVarString(auth, target.documentName);
          encoding.writeVarUint(auth, HOCUSPOCUS_AUTH);
          encoding.writeVarUint(auth, 0); // token sub-message
          encoding.writeVarString(auth, 'bench');
          client.socket.send(encoding.toUint8Array(auth));
        }
        client.sendSync((encoder) => syncProtocol.writeSyncStep1(encoder, client.doc));
      });
      client.syncedWaiters.push(() => {
        clearTimeout(timer);
        if (client.synced) resolve();
        else reject(new Error(`closed before sync: ${client.closedWith?.code} ${client.closedWith?.reason}`));
      });
    });
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a document update; returns the key receivers will see, or null for a no-op. */
  sendUpdate(update: Uint8Array): string | null {
    const key = updateKey(update);
    this.sendSync((encoder) => syncProtocol.writeUpdate(encoder, update));
    return key;
  }

  /** Sends this client's presence (a caret) with the given clock, as y-protocols' awareness does. */
  sendAwareness(clock: number, state: unknown): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.doc.clientID);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
    const encoder = encoding.createEncoder();
    if (this.target.dialect === 'hocuspocus') encoding.writeVarString(encoder, this.target.documentName);
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
    this.socket.send(encoding.toUint8Array(encoder));
  }

  /** Stops reading from the socket (a stalled tab): what the server sends piles up at its end. */
  stopReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** Resolves when the server (or this client) has closed the socket. */
  closed(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  terminate(): void {
    this.socket.terminate();
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private sendSync(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    if (this.target.dialect === 'hocuspocus') encoding.writeVarString(encoder, this.target.documentName);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(data: Buffer): void {
    const receivedAt = performance.now();
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (this.target.dialect === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_AWARENESS && this.options.onAwareness) {
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const entries: Array<{ clientId: number; clock: number }> = [];
      for (let count = decoding.readVarUint(update); count > 0; count--) {
        const clientId = decoding.readVarUint(update);
        const clock = decoding.readVarUint(update);
        decoding.readVarString(update);
        entries.push({ clientId, clock });
      }
      this.options.onAwareness(entries, receivedAt);
      return;
    }
    if (type !== MESSAGE_SYNC) return; // auth replies
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1:
        // The server asks what we have; an editor that typed nothing has nothing new.
        this.sendSync((encoder) => syncProtocol.writeSyncStep2(encoder, this.doc, payload));
        return;
      case syncProtocol.messageYjsSyncStep2:
        if (this.options.keepDocument) Y.applyUpdate(this.doc, payload);
        if (!this.synced) {
          this.synced = true;
          for (const waiter of this.syncedWaiters) waiter();
          this.syncedWaiters = [];
        }
        return;
      case syncProtocol.messageYjsUpdate: {
        if (this.options.keepDocument) Y.applyUpdate(this.doc, payload);
        const onRelayed = this.options.onRelayedUpdate;
        // Both peers echo an update to its sender too; an echo is not a delivery to another
        // person, and counting it would stand in for the slowest real one.
        const own = `${this.doc.clientID}:`;
        if (onRelayed)
          forEachUpdateKey(payload, (key) => {
            if (!key.startsWith(own, 1)) onRelayed(key, receivedAt);
          });
      }
    }
  }
}

/**
 * One simulated person typing: the trace's keystrokes into a paragraph of their own in the
 * shared section document. Owning the paragraph means each update depends only on the
 * typist's own earlier ones and on text the server already sent, so the server never has to
 * hold an update back for a missing dependency.
 */
export class Typist {
  /** The typist's own paragraph, made with the first keystroke. */
  private text: Y.XmlText | null = null;
  private next = 0;
  private pending: Uint8Array | null = null;

  constructor(
    readonly client: BenchClient,
    private readonly patches: Patch[],
  ) {
    client.doc.on('update', (update: Uint8Array) => {
      this.pending = update;
    });
  }

  /** Types the next keystroke and sends it; returns the key receivers will see. */
  typeNext(): string | null {
    const patch = this.patches[this.next++ % this.patches.length]!;
    // Past the end of the trace it starts over in a cleared text.
    if (this.text && this.next % this.patches.length === 1 && this.next > 1) {
      const text = this.text;
      this.client.doc.transact(() => text.delete(0, text.length));
    }
    this.pending = null;
    this.client.doc.transact(() => {
      this.text ??= appendParagraph(this.client.doc);
      applyPatch(this.text, patch);
    });
    const update = this.pending;
    return update ? this.client.sendUpdate(update) : null;
  }
}
