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
  /** Rooms held quiet without being loaded (see `whileQuiet`): loading them waits for the holder. */
  private readonly held = new Map<string, Promise<void>>();

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

  /**
   * Runs `work` with every named room quiet on this instance, held in the order given: a room
   * that is open runs it between two of its messages (as `withRoom`); a room nobody has open
   * is not loaded, only kept from loading until `work` ends, so no edit to it is taken here
   * meanwhile. For work that reads the rooms as stored (sealing them); it is given the rooms
   * that are open, whose live copies it may compare.
   */
  async whileQuiet<T>(
    names: readonly string[],
    work: (open: ReadonlyMap<string, SectionRoom>) => Promise<T>,
  ): Promise<T> {
    const open = new Map<string, SectionRoom>();
    const hold = async (index: number): Promise<T> => {
      if (index === names.length) return work(open);
      const name = names[index]!;
      for (let gate = this.held.get(name); gate; gate = this.held.get(name)) await gate;
      if (this.rooms.has(name)) {
        return this.withRoom(name, (room) => {
          open.set(name, room);
          return hold(index + 1);
        });
      }
      let release!: () => void;
      this.held.set(name, new Promise<void>((resolve) => (release = resolve)));
      try {
        return await hold(index + 1);
      } finally {
        this.held.delete(name);
        release();
      }
    };
    return hold(0);
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
      // Concurrent first connections share one load, so there is never a second copy. A
      // room held quiet loads once its holder is done (and reads what that left stored).
      const options = {
        ...this.options,
        onBroken: (room: SectionRoom) => {
          room.destroy();
          void this.forget(room);
        },
      };
      const gate = this.held.get(name);
      loading = gate
        ? gate.then(() => SectionRoom.load(name, this.store, options))
        : SectionRoom.load(name, this.store, options);
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
