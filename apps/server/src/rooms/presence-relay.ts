import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { MESSAGE_AWARENESS } from '../protocol/message-types.js';
import type { RoomConnection } from './room-connection.js';

/** How long presence changes in a room are gathered before they go out as one message. */
export const PRESENCE_FLUSH_MS = 100;

/**
 * How long presence that was only renewed (same state, newer clock) may wait to go out. The
 * stock client renews every 15-18 s and drops a peer it has not heard from in 30 s; at most
 * 5 s more keeps every peer well inside that.
 */
export const PRESENCE_RENEWAL_MS = 5_000;

export interface PresenceRelayOptions {
  flushMs?: number;
  renewalMs?: number;
}

/**
 * Sends a room's presence (cursors, selections, who is here) to its connections, off the text
 * queue. Changes are gathered for `flushMs` and sent as one message per recipient, without
 * the recipient's own entries (it has them). A renewal that changes nothing but the clock
 * waits for the next message, or for `renewalMs`. Presence then costs each connection at
 * most one message per flush, however many people move their cursors, and idle renewals
 * almost nothing.
 */
export class PresenceRelay {
  /** Client ids whose state changed, with where the latest change came from. */
  private readonly changed = new Map<number, unknown>();
  /** Client ids only renewed since they were last sent. */
  private readonly renewed = new Map<number, unknown>();
  /** The state each client id had when it was last sent, as JSON. */
  private readonly sent = new Map<number, string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private renewalTimer: NodeJS.Timeout | null = null;
  private readonly flushMs: number;
  private readonly renewalMs: number;

  constructor(
    private readonly awareness: Awareness,
    private readonly connections: ReadonlySet<RoomConnection>,
    /** Gets each flush's entries whose origin is `shareable`, as an awareness update (for other instances). */
    private readonly share: ((update: Uint8Array) => void) | null,
    private readonly shareable: (origin: unknown) => boolean,
    options: PresenceRelayOptions = {},
  ) {
    this.flushMs = options.flushMs ?? PRESENCE_FLUSH_MS;
    this.renewalMs = options.renewalMs ?? PRESENCE_RENEWAL_MS;
  }

  /** Follows the awareness's 'update' event. */
  noted({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    for (const clientId of [...added, ...removed]) this.markChanged(clientId, origin);
    for (const clientId of updated) {
      const state = this.awareness.states.get(clientId);
      // Another instance's renewals were held there already; holding them again could outlast 30 s.
      const renewal =
        this.shareable(origin) &&
        !this.changed.has(clientId) &&
        state !== undefined &&
        this.sent.get(clientId) === JSON.stringify(state);
      if (renewal) {
        this.renewed.set(clientId, origin);
        if (!this.renewalTimer) {
          this.renewalTimer = setTimeout(() => this.flush(), this.renewalMs);
          this.renewalTimer.unref();
        }
      } else {
        this.markChanged(clientId, origin);
      }
    }
  }

  /** Sends what is gathered now; the room calls it when it retires. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
    this.flushTimer = this.renewalTimer = null;
    if (this.changed.size === 0 && this.renewed.size === 0) return;
    const pending = new Map([...this.renewed, ...this.changed]);
    this.changed.clear();
    this.renewed.clear();
    const entries: Array<{ origin: unknown; bytes: Uint8Array }> = [];
    for (const [clientId, origin] of pending) {
      // A client id the room forgot has no clock left to send.
      const meta = this.awareness.meta.get(clientId);
      if (!meta) continue;
      const state = this.awareness.states.get(clientId) ?? null;
      const json = JSON.stringify(state);
      if (state === null) this.sent.delete(clientId);
      else this.sent.set(clientId, json);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, meta.clock);
      encoding.writeVarString(encoder, json);
      entries.push({ origin, bytes: encoding.toUint8Array(encoder) });
    }
    if (entries.length === 0) return;
    const origins = new Set(entries.map((entry) => entry.origin));
    // Most recipients sent nothing in this window and share one message.
    let common: Uint8Array | null = null;
    for (const connection of this.connections) {
      if (origins.has(connection)) {
        const others = entries.filter((entry) => entry.origin !== connection);
        if (others.length > 0) connection.send(awarenessFrame(others));
      } else {
        common ??= awarenessFrame(entries);
        connection.send(common);
      }
    }
    if (!this.share) return;
    const own = entries.filter((entry) => this.shareable(entry.origin));
    if (own.length > 0) this.share(awarenessUpdate(own));
  }

  destroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
    this.flushTimer = this.renewalTimer = null;
    this.changed.clear();
    this.renewed.clear();
  }

  private markChanged(clientId: number, origin: unknown): void {
    this.renewed.delete(clientId);
    this.changed.set(clientId, origin);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), this.flushMs);
      this.flushTimer.unref();
    }
  }
}

function awarenessUpdate(entries: ReadonlyArray<{ bytes: Uint8Array }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { bytes } of entries) encoding.writeUint8Array(encoder, bytes);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(entries: ReadonlyArray<{ bytes: Uint8Array }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessUpdate(entries));
  return encoding.toUint8Array(encoder);
}
