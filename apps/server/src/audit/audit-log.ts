import type { ActivityEntry } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import { describeFailure } from '../persistence/document-store.js';
import { logger } from '../logging/logger.js';

export interface AuditRecord {
  userId: string;
  caseId: string;
  sectionId: string;
  action: ActivityEntry['action'];
  bytes: number;
}

/**
 * How long accepted updates by one person to one section are summed into one row. A refused
 * write is a row of its own, written at once.
 */
export const AUDIT_WINDOW_MS = 2_000;

/**
 * After a refusal is written, further refusals of the same person in the same section for
 * this long are summed into one row like updates: a client stuck resending a refused change
 * (or a hostile one) cannot turn the audit log into a write per attempt.
 */
export const REFUSAL_BURST_MS = 60_000;

/** Who wrote (or tried to write) which section, when, and how much. */
export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  /**
   * Writes the summed rows still held in memory. Anything that reads audit_log must call it
   * first (the activity list does so itself).
   */
  flush(): Promise<void>;
  listForCase(caseId: string, limit?: number): Promise<ActivityEntry[]>;
}

interface Pending extends AuditRecord {
  at: string;
}

/**
 * Accepted keystrokes arrive many per second; one row each cost a write per keystroke. They
 * are summed per person and section for AUDIT_WINDOW_MS (the row's time is the last one's)
 * and written together. A crash can lose at most that window of audit rows, never text.
 */
export function createSqlAuditLog(
  storage: Storage,
  windowMs = AUDIT_WINDOW_MS,
  refusalBurstMs = REFUSAL_BURST_MS,
): AuditLog {
  let pending = new Map<string, Pending>();
  /** When each person's last refusal row per section was written at once. */
  const refusalWritten = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  // Flushes run one after another, so a reader awaiting one sees every earlier one committed.
  let flushing: Promise<void> = Promise.resolve();

  const insert = ({ db }: Storage, entry: Pending) =>
    db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        user_id: entry.userId,
        case_id: entry.caseId,
        section_id: entry.sectionId,
        action: entry.action,
        bytes: entry.bytes,
      })
      .execute();

  const write = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    const rows = [...pending.values()];
    pending = new Map();
    await storage.transaction(async (tx) => {
      for (const row of rows) await insert(tx, row);
    });
  };

  const flush = (): Promise<void> => {
    const next = flushing.then(write);
    flushing = next.catch((error: unknown) =>
      logger.error({ err: describeFailure(error) }, 'kunne ikke skrive revisjonslogg'),
    );
    return next;
  };

  const refusedRecently = (target: string): boolean => {
    const now = Date.now();
    if (refusalWritten.size > 10_000) {
      for (const [key, writtenAt] of refusalWritten) if (now - writtenAt >= refusalBurstMs) refusalWritten.delete(key);
    }
    const writtenAt = refusalWritten.get(target);
    return writtenAt !== undefined && now - writtenAt < refusalBurstMs;
  };

  return {
    async record(entry) {
      const at = new Date().toISOString();
      const target = `${entry.userId}\u0000${entry.caseId}\u0000${entry.sectionId}`;
      if (entry.action !== 'update' && !refusedRecently(target)) {
        // Keeps the log in order: what was typed before the refusal gets the lower ids.
        await flush();
        await insert(storage, { ...entry, at });
        refusalWritten.set(target, Date.now());
        return;
      }
      const key = `${target}\u0000${entry.action}`;
      const held = pending.get(key);
      // Re-inserted at the end: rows are written in order of their last update, so the
      // newest row (highest id) is still the last person who typed.
      pending.delete(key);
      pending.set(key, { ...entry, at, bytes: (held?.bytes ?? 0) + entry.bytes });
      if (!timer) {
        timer = setTimeout(() => void flush().catch(() => undefined), windowMs);
        timer.unref();
      }
    },
    flush,
    async listForCase(caseId, limit = 200) {
      await flush();
      const rows = await storage.db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.section_id', 'a.user_id', 'u.name as user_name', 'a.action', 'a.bytes', 'a.at'])
        .where('a.case_id', '=', caseId)
        .orderBy('a.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        sectionId: row.section_id,
        userId: row.user_id,
        userName: row.user_name ?? 'ukjent',
        action: row.action,
        bytes: Number(row.bytes),
        at: row.at,
      }));
    },
  };
}
