/**
 * What a room reports about its writes, for the metrics (metrics/server-metrics.ts). Called
 * inside the room's queue, so it must not block or throw.
 */
export interface RoomObserver {
  /** A batch of `updates` was committed to the database in `appendSeconds`. */
  stored(updates: number, appendSeconds: number): void;
  /** The batch went out to the room's clients and to the other instances `lagSeconds` after it was stored. */
  relayed(lagSeconds: number): void;
}
