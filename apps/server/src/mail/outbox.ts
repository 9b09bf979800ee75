import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Storage } from '../db/storage.js';

/** A mail as the outbox holds it: rendered in full when the fact was written. */
export interface OutgoingMail {
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** An iCalendar invitation, update or cancellation to attach, with its METHOD. */
  calendar?: { ics: string; method: 'REQUEST' | 'CANCEL' } | null;
}

export interface OutboxRow extends OutgoingMail {
  id: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

const COLUMNS = [
  'id',
  'recipient',
  'subject',
  'text_body',
  'html_body',
  'ics',
  'ics_method',
  'attempts',
  'created_at',
  'sent_at',
  'last_error',
] as const;

type Row = Pick<Selectable<Database['mail_outbox']>, (typeof COLUMNS)[number]>;

const toRow = (row: Row): OutboxRow => ({
  id: String(row.id),
  recipient: row.recipient,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body,
  // ics_method is written only from OutgoingMail's calendar.method.
  calendar: row.ics ? { ics: row.ics, method: (row.ics_method ?? 'REQUEST') as 'REQUEST' | 'CANCEL' } : null,
  attempts: Number(row.attempts),
  createdAt: row.created_at,
  sentAt: row.sent_at,
  lastError: row.last_error,
});

/** Longest wait between two attempts at one mail. */
const MAX_BACKOFF_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min, … up to an hour: a mail server that is down is not hammered. */
export function backoffMs(attempts: number, baseMs = 30_000): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Inside the caller's transaction, so the mail exists exactly when the fact it tells of does. */
export async function enqueueMail({ db }: Storage, mail: OutgoingMail, at: string): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      recipient: mail.recipient,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      ics: mail.calendar?.ics ?? null,
      ics_method: mail.calendar?.method ?? null,
      created_at: at,
      next_attempt_at: at,
    })
    .execute();
}

/**
 * The durable outbox. Delivery is at least once, and exactly once unless a sender dies in the
 * instant between the mail server accepting a mail and `markSent` committing:
 *  - a row is claimed (claimed_by, claimed_until = a lease) in its own committed statement before
 *    it is sent, so two senders, on this instance or another, never hold the same row at once;
 *  - a sender that dies before sending leaves a claim that runs out; the row is then claimed and
 *    sent again, so a crash never loses a mail;
 *  - sent_at is written only after the mail server said yes; a sent row is never claimed again.
 * The remaining window (accepted, then killed before sent_at commits) resends the mail once its
 * lease runs out; every send of a row carries the same Message-ID, so mail systems that
 * de-duplicate by it show one. SMTP has no way to make that window exactly once.
 */
export class MailOutbox {
  constructor(private readonly storage: Storage) {}

  /**
   * Claims up to `limit` due rows for `sender` until `now + leaseMs`. PostgreSQL skips rows
   * another transaction is claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer, and the
   * conditional UPDATE is atomic there. Either way a row is claimed by one sender.
   */
  async claim(sender: string, now: Date, leaseMs: number, limit = 10): Promise<OutboxRow[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const { db, dialect } = this.storage;
    // The due rows are picked once, in a materialized CTE: as `id IN (SELECT … LIMIT …)`
    // PostgreSQL may run the subquery again for each row it updates (a nested-loop semi join),
    // each run locking and returning further rows, so one claim took every due row, not `limit`.
    const rows = await db
      .with(
        (cte) => cte('due').materialized(),
        (qc) =>
          qc
            .selectFrom('mail_outbox')
            .select('id')
            .where('sent_at', 'is', null)
            .where('next_attempt_at', '<=', at)
            .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', at)]))
            .orderBy('id')
            .limit(limit)
            .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .updateTable('mail_outbox')
      .set((eb) => ({ claimed_by: sender, claimed_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
      .where('sent_at', 'is', null)
      .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', at)]))
      .returning(COLUMNS)
      .execute();
    return rows.map(toRow).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Only the holder of the claim marks the row: a sender whose lease ran out writes nothing. */
  async markSent(id: string, sender: string, now: Date): Promise<void> {
    await this.storage.db
      .updateTable('mail_outbox')
      .set({ sent_at: now.toISOString(), claimed_until: null, last_error: null })
      .where('id', '=', Number(id))
      .where('claimed_by', '=', sender)
      .execute();
  }

  async markFailed(id: string, sender: string, attempts: number, error: string, now: Date): Promise<void> {
    await this.storage.db
      .updateTable('mail_outbox')
      .set({
        claimed_by: null,
        claimed_until: null,
        last_error: error.slice(0, 500),
        next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      })
      .where('id', '=', Number(id))
      .where('claimed_by', '=', sender)
      .execute();
  }

  /** The development mailbox: the newest mail, sent or waiting. */
  async recent(limit = 100): Promise<OutboxRow[]> {
    const rows = await this.storage.db
      .selectFrom('mail_outbox')
      .select(COLUMNS)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }
}
