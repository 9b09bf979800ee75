import * as Y from 'yjs';
import type { AuditLog, AuditRecord } from '../audit/audit-log.js';
import { DocumentSealed, type DocumentStore } from '../persistence/document-store.js';

/**
 * A DocumentStore held in memory, for room tests that must run on a fake clock (no database
 * I/O to wait for) and hold a commit at a chosen moment. The rooms' behaviour on the real
 * stores is tested with SQLite and PostgreSQL elsewhere; this one keeps the same contract:
 * appendAll is all or none, a sealed room refuses appends, compaction folds the log.
 */
export interface MemoryDocumentStore extends DocumentStore {
  /** Every call the room made, in order (`load`, `appendAll:<n>`, `compact`). */
  readonly calls: string[];
  /** While set, every call fails as a stopped database answers. */
  down: boolean;
  /** Holds the next appendAll until the returned release is called; `reached` resolves when it is held. */
  holdNextCommit(): { reached: Promise<void>; release: () => void };
  seal(room: string): void;
}

export function createMemoryDocumentStore(): MemoryDocumentStore {
  const logs = new Map<string, { snapshot: Uint8Array | null; updates: Uint8Array[] }>();
  const sealed = new Set<string>();
  const holds: Array<{ reached: () => void; released: Promise<void> }> = [];
  const log = (room: string) => {
    let entry = logs.get(room);
    if (!entry) logs.set(room, (entry = { snapshot: null, updates: [] }));
    return entry;
  };
  const unreachable = () =>
    Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' }));
  const store: MemoryDocumentStore = {
    calls: [],
    down: false,
    holdNextCommit() {
      let reached = () => {};
      let release = () => {};
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      holds.push({ reached, released: new Promise<void>((resolve) => (release = resolve)) });
      return { reached: reachedPromise, release };
    },
    seal(room) {
      sealed.add(room);
    },
    load(room) {
      store.calls.push('load');
      if (store.down) return unreachable();
      const { snapshot, updates } = log(room);
      return Promise.resolve(snapshot ? [snapshot, ...updates] : [...updates]);
    },
    append(room, update) {
      return store.appendAll(room, [update]);
    },
    async appendAll(room, updates) {
      store.calls.push(`appendAll:${updates.length}`);
      const hold = holds.shift();
      if (hold) {
        hold.reached();
        await hold.released;
      }
      if (store.down) return unreachable();
      if (sealed.has(room)) throw new DocumentSealed(room);
      log(room).updates.push(...updates);
    },
    pendingUpdates(room) {
      if (store.down) return unreachable();
      return Promise.resolve(log(room).updates.length);
    },
    compact(room) {
      store.calls.push('compact');
      if (store.down) return unreachable();
      const entry = log(room);
      if (entry.updates.length === 0) return Promise.resolve();
      entry.snapshot = Y.mergeUpdates(entry.snapshot ? [entry.snapshot, ...entry.updates] : entry.updates);
      entry.updates = [];
      return Promise.resolve();
    },
    replace(room, state) {
      if (store.down) return unreachable();
      logs.set(room, { snapshot: state, updates: [] });
      return Promise.resolve();
    },
    fenced(_room, work) {
      return work();
    },
    sealing() {
      return Promise.reject(new Error('sealing needs a database transaction; test it on SQLite or PostgreSQL'));
    },
  };
  return store;
}

/** An audit log that keeps its records in a list, for rooms tested without a database. */
export function createMemoryAuditLog(): AuditLog & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return {
    records,
    record(entry) {
      records.push(entry);
      return Promise.resolve();
    },
    flush: () => Promise.resolve(),
    listForCase: () => Promise.resolve([]),
  };
}
