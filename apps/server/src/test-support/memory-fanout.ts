import type { Fanout, FanoutHandlers, FanoutMessage } from '../fanout/fanout.js';

/**
 * Redis pub/sub in memory, for tests of several "instances" in one process: each `fanout(id)`
 * is one instance; a message reaches every other instance's handlers for that room.
 */
export class MemoryFanoutHub {
  readonly published: Array<{ instanceId: string; room: string; message: FanoutMessage }> = [];
  /** While true, published messages are recorded but not delivered (a lost connection). */
  dropping = false;
  private readonly subscribers = new Map<string, Set<{ instanceId: string; handlers: FanoutHandlers }>>();

  fanout(instanceId: string): Fanout {
    return {
      instanceId,
      join: (room, handlers) => {
        const entry = { instanceId, handlers };
        const set = this.subscribers.get(room) ?? new Set();
        set.add(entry);
        this.subscribers.set(room, set);
        return Promise.resolve({
          publish: (message) => this.deliver(instanceId, room, message),
          leave: () => {
            set.delete(entry);
            return Promise.resolve();
          },
        });
      },
      close: async () => {},
    };
  }

  deliver(instanceId: string, room: string, message: FanoutMessage): void {
    this.published.push({ instanceId, room, message });
    if (this.dropping) return;
    for (const entry of this.subscribers.get(room) ?? []) {
      if (entry.instanceId !== instanceId) entry.handlers.onMessage(message);
    }
  }

  /** Tells every subscriber that messages may have been lost, as a Redis reconnect does. */
  gap(): void {
    for (const set of this.subscribers.values()) for (const entry of set) entry.handlers.onGap();
  }
}
