import type { AuditLog } from '../audit/audit-log.js';
import type { Fanout } from '../fanout/fanout.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { RoomConnection } from './room-connection.js';
import type { PresenceLimits } from './room-presence.js';
import type { RoomObserver } from './room-observer.js';
import { RoomRetired, SectionRoom, type SealSource } from './section-room.js';
import { logger } from '../logging/logger.js';

export interface RoomRegistryOptions {
  compactAfterUpdates: number;
  audit: AuditLog;
  onChanged?: (room: SectionRoom, authors: readonly string[]) => Promise<void>;
  onIdle?: (room: SectionRoom) => Promise<void>;
  /** Other instances to share live rooms with (Redis); absent when running alone. */
  fanout?: Fanout;
  maxDocumentBytes?: number;
  presenceLimits?: PresenceLimits;
  observer?: RoomObserver;
  seals?: SealSource;
}

/** Holds a room open while the server itself works on it; it never sends or writes. */
function systemHolder(): RoomConnection {
  return {
    actor: { userId: 'system', name: 'Samråd' },
    mayWrite: () => Promise.resolve({ allowed: false, reason: 'not-a-writer' }),
    send() {},
    close() {},
  };
}

/**
 * Keeps a section document in memory while someone has it open. When the last connection
 * leaves, the log is folded into a snapshot and the document is dropped, so memory follows
 * open sections, not stored ones.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<SectionRoom>>();

  constructor(
    private readonly store: DocumentStore,
    private options: RoomRegistryOptions,
  ) {}

  /**
   * Subscribes what reacts to accepted changes and idle rooms (consensus voiding, versions,
   * search), which is built after the rooms because it works through them. Rooms loaded
   * from now on call these.
   */
  listen(hooks: Pick<RoomRegistryOptions, 'onChanged' | 'onIdle'>): void {
    this.options = { ...this.options, ...hooks };
  }

  async open(name: string, connection: RoomConnection): Promise<SectionRoom> {
    for (;;) {
      const loading = this.loading(name);
      const room = await loading;
      try {
        await room.join(connection);
        return room;
      } catch (error) {
        if (!(error instanceof RoomRetired)) throw error;
        if (this.rooms.get(name) === loading) this.rooms.delete(name);
      }
    }
  }

  /**
   * Runs `work` on a section's live document between two of its messages, loading the room
   * if nobody has it open. Approvals and locks go through here so they are ordered with edits.
   */
  async withRoom<T>(name: string, work: (room: SectionRoom) => Promise<T>): Promise<T> {
    const holder = systemHolder();
    const room = await this.open(name, holder);
    try {
      return await room.exclusive(() => work(room));
    } finally {
      this.close(room, holder);
    }
  }

  close(room: SectionRoom, connection: RoomConnection): void {
    room.leave(connection);
    if (room.connectionCount > 0) return;
    room.retireIfIdle().then(
      (retired) => {
        if (retired) void this.forget(room);
      },
      (error: unknown) => logger.error({ err: error, room: room.name }, 'komprimering feilet'),
    );
  }

  get openRooms(): number {
    return this.rooms.size;
  }

  /** Compacts and drops every room, for an orderly shutdown. */
  async closeAll(): Promise<void> {
    const rooms = await Promise.allSettled(this.rooms.values());
    this.rooms.clear();
    for (const result of rooms) {
      if (result.status !== 'fulfilled') continue;
      await result.value
        .finish()
        .catch((error: unknown) =>
          logger.error({ err: error, room: result.value.name }, 'avslutning av rommet feilet'),
        );
      result.value.destroy();
    }
  }

  private loading(name: string): Promise<SectionRoom> {
    let loading = this.rooms.get(name);
    if (!loading) {
      // Concurrent first connections share one load, so there is never a second copy.
      loading = SectionRoom.load(name, this.store, {
        ...this.options,
        onBroken: (room) => {
          room.destroy();
          void this.forget(room);
        },
      });
      this.rooms.set(name, loading);
      loading.catch(() => this.rooms.delete(name));
    }
    return loading;
  }

  private async forget(room: SectionRoom): Promise<void> {
    const current = this.rooms.get(room.name);
    if (current && (await current) === room && this.rooms.get(room.name) === current) this.rooms.delete(room.name);
  }
}
