import type { Storage } from '../db/storage.js';

/**
 * Where section documents live. Updates are appended as they are accepted and folded into a
 * snapshot from time to time. `append` resolves only once the update is durable, because
 * the server relays an update only after it is stored.
 */
export interface DocumentStore {
  /** Every stored update of the room, snapshot first, or an empty list for a new room. */
  load(room: string): Promise<Uint8Array[]>;
  append(room: string, update: Uint8Array): Promise<void>;
  /** Appends several updates at once, all or none (a room's group commit). */
  appendAll(room: string, updates: readonly Uint8Array[]): Promise<void>;
  /** Number of updates appended since the last snapshot. */
  pendingUpdates(room: string): Promise<number>;
  /**
   * Folds the stored updates into the snapshot; snapshot and deletion commit together, so
   * there is no moment where an update is in neither.
   */
  compact(room: string): Promise<void>;
  /** Sets the whole document, for seeding a new section. */
  replace(room: string, state: Uint8Array): Promise<void>;
  /**
   * Runs `work` while no instance can store an update to `room`: their appends wait, and are
   * then refused if the room has been sealed meanwhile (`DocumentSealed`). What `work` reads
   * of the room is therefore what stays, which sealing consensus text needs across instances.
   */
  fenced<T>(room: string, work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one database transaction that holds the fence of every room in `rooms`, in
   * the order given: appends to them from any instance wait, and are refused if `work` sealed
   * the room (`DocumentSealed`). `read` gives a room's stored updates inside that transaction,
   * so what `work` reads is exactly what stays; `readAll` gives several rooms' in one query.
   * One connection however many rooms, which freezing a whole case at publication needs.
   */
  sealing<T>(
    rooms: readonly string[],
    work: (
      tx: Storage,
      read: (room: string) => Promise<Uint8Array[]>,
      readAll: (rooms: readonly string[]) => Promise<Map<string, Uint8Array[]>>,
    ) => Promise<T>,
  ): Promise<T>;
}

/** An append refused because the room was sealed (consensus locked it) before it was stored. */
export class DocumentSealed extends Error {
  constructor(readonly room: string) {
    super(`${room} er låst; endringen ble ikke lagret`);
  }
}

/**
 * The database could not be reached or written (PostgreSQL stopped, SQLite's disk full or
 * read-only). A state, not a crash: writers are told to back off and retry, readers keep
 * what they have, and the room recovers by itself once the database answers again.
 */
export class StorageUnavailable extends Error {
  constructor(cause?: unknown) {
    super('lagring er midlertidig utilgjengelig; endringen ble ikke lagret og sendes på nytt', { cause });
  }
}

/**
 * Whether an error means the database is out of reach or cannot write (rather than a bad
 * statement): PostgreSQL's connection and shutdown errors, SQLite's full disk and I/O errors.
 */
export function isStorageOutage(error: unknown): boolean {
  if (error instanceof StorageUnavailable) return true;
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH)$/.test(code)) return true;
  // PostgreSQL classes 08 (connection exception) and 57P (operator intervention: shutdown).
  if (/^08...$|^57P0[1-3]$/.test(code)) return true;
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY)/.test(code)) return true;
  return /Connection terminated|not queryable|timeout exceeded when trying to connect/i.test(error.message);
}

/** What to log for a failure: one line for an outage (it repeats), everything for a bug. */
export function describeFailure(error: unknown): unknown {
  return isStorageOutage(error) ? `${(error as Error).message}` : error;
}
