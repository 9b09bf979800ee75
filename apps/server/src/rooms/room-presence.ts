import { CLOSE_CODES } from '@samraad/schema';
import { ProtocolError } from '../protocol/message-types.js';
import type { AwarenessEntry } from '../protocol/awareness-identity.js';
import type { RoomConnection } from './room-connection.js';

/** What one connection may do with presence; see DEFAULT_PRESENCE_LIMITS in config.ts. */
export interface PresenceLimits {
  maxStateBytes: number;
  maxClientIdsPerConnection: number;
  /**
   * Client ids remembered per user in one room. A user who reloads the page gets new ids; past
   * this many, their oldest id that no connection speaks for is forgotten, so the memory a
   * room keeps follows its people, not how often they reload.
   */
  maxClientIdsPerUser: number;
  queryBurst: number;
  queriesPerSecond: number;
}

/** WebSocket "policy violation": well-formed, but more than a browser tab ever sends. */
const POLICY_VIOLATION = CLOSE_CODES.policyViolation;

interface ConnectionPresence {
  /** Client ids whose current state came from this connection: removed when it leaves. */
  held: Set<number>;
  /** Every client id this connection has spoken for, limited per connection. */
  claimed: Set<number>;
  queries: TokenBucket;
}

/**
 * Who may speak for which awareness client id in one room.
 *
 * A client id belongs to the first user who used it, for as long as the room lives. The
 * stock client keeps its id across reconnects, and its reconnect often re-sends a state the
 * room already has (same clock), so "whoever added it last" would leave the id to anyone in
 * the gap; pinning it to the user does not. Another connection of the same user may take it
 * over: that is the reconnect (or a second tab of the same person).
 */
export class RoomPresence {
  private readonly pins = new Map<number, string>();
  /** Each user's pinned ids, oldest first (Sets keep insertion order). */
  private readonly pinsByUser = new Map<string, Set<number>>();
  private readonly holders = new Map<number, RoomConnection>();
  private readonly connections = new Map<RoomConnection, ConnectionPresence>();

  constructor(
    readonly limits: PresenceLimits,
    /** Called for a client id the room forgets, so the awareness can drop its clock as well. */
    private readonly forgotten: (clientId: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  join(connection: RoomConnection): void {
    this.connections.set(connection, {
      held: new Set(),
      claimed: new Set(),
      queries: new TokenBucket(this.limits.queryBurst, this.limits.queriesPerSecond, this.now),
    });
  }

  /** The client ids whose presence leaves with the connection. Their pins stay. */
  leave(connection: RoomConnection): number[] {
    const presence = this.connections.get(connection);
    this.connections.delete(connection);
    if (!presence) return [];
    for (const clientId of presence.held) this.holders.delete(clientId);
    return [...presence.held];
  }

  /**
   * Whether `connection` may apply this (already stamped) entry. `currentClock` is the clock
   * the room's awareness has for the id (0 for none): y-protocols ignores a state that is not
   * newer, so such an entry (the stock client's echo of what it heard) claims nothing.
   * Throws a ProtocolError when the connection speaks for more ids than a tab ever does.
   */
  admit(connection: RoomConnection, { clientId, clock, state }: AwarenessEntry, currentClock: number): boolean {
    const presence = this.connections.get(connection);
    if (!presence) return false;
    const userId = connection.actor.userId;
    const owner = this.pins.get(clientId);
    if (owner !== undefined && owner !== userId) return false;
    // Only the owner's own removal can matter; an unknown id has nothing to remove.
    if (state === null) return owner === userId;
    if (clock <= currentClock) return false;
    if (!presence.claimed.has(clientId)) {
      if (presence.claimed.size >= this.limits.maxClientIdsPerConnection) {
        throw new ProtocolError(
          `tilstedeværelse for flere enn ${this.limits.maxClientIdsPerConnection} klient-ID-er på én tilkobling`,
          POLICY_VIOLATION,
        );
      }
      presence.claimed.add(clientId);
    }
    this.pin(clientId, userId);
    return true;
  }

  /**
   * Whether a state another instance relayed may be applied: that instance stamped and
   * admitted it, but the id may already belong to another user here (they raced for it).
   */
  admitRemote(clientId: number, userId: string | null): boolean {
    if (userId === null) return true;
    const owner = this.pins.get(clientId);
    if (owner !== undefined) return owner === userId;
    this.pin(clientId, userId, false);
    return true;
  }

  /** Follows what the awareness applied: who holds each id now. */
  applied(origin: unknown, changed: { added: number[]; updated: number[]; removed: number[] }): void {
    for (const clientId of changed.removed) {
      const holder = this.holders.get(clientId);
      if (holder) this.connections.get(holder)?.held.delete(clientId);
      this.holders.delete(clientId);
    }
    const presence = this.connections.get(origin as RoomConnection);
    if (!presence) return;
    for (const clientId of [...changed.added, ...changed.updated]) {
      const previous = this.holders.get(clientId);
      if (previous === origin) continue;
      if (previous) this.connections.get(previous)?.held.delete(clientId);
      this.holders.set(clientId, origin as RoomConnection);
      presence.held.add(clientId);
    }
  }

  /** Throws a ProtocolError when the connection asks for everyone's presence too often. */
  query(connection: RoomConnection): void {
    if (this.connections.get(connection)?.queries.take() === false) {
      throw new ProtocolError('for mange forespørsler om tilstedeværelse', POLICY_VIOLATION);
    }
  }

  private pin(clientId: number, userId: string, mayRefuse = true): void {
    if (this.pins.has(clientId)) return;
    let pinned = this.pinsByUser.get(userId);
    if (!pinned) this.pinsByUser.set(userId, (pinned = new Set()));
    if (pinned.size >= this.limits.maxClientIdsPerUser) {
      const stale = [...pinned].find((id) => !this.holders.has(id));
      if (stale === undefined) {
        if (mayRefuse) throw new ProtocolError('for mange samtidige klient-ID-er for samme bruker', POLICY_VIOLATION);
      } else {
        pinned.delete(stale);
        this.pins.delete(stale);
        this.forgotten(stale);
      }
    }
    pinned.add(clientId);
    this.pins.set(clientId, userId);
  }
}

/** `burst` at once, then `perSecond`. */
class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
