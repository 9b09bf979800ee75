import type { SqlClient } from '../db/sql-client.js';

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

interface Row {
  id: number | string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  ics: string | null;
  ics_method: 'REQUEST' | 'CANCEL' | null;
  attempts: number | string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

const toRow = (row: Row): OutboxRow => ({
  id: String(row.id),
  recipient: row.recipient,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body,
  calendar: row.ics ? { ics: row.ics, method: row.ics_method ?? 'REQUEST' } : null,
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
export async function enqueueMail(tx: SqlClient, mail: OutgoingMail, at: string): Promise<void> {
  await tx.run(
    `INSERT INTO mail_outbox (recipient, subject, text_body, html_body, ics, ics_method, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      mail.recipient,
      mail.subject,
      mail.text,
      mail.html,
      mail.calendar?.ics ?? null,
      mail.calendar?.method ?? null,
      at,
      at,
    ],
  );
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
  constructor(private readonly sql: SqlClient) {}

  /**
   * Claims up to `limit` due rows for `sender` until `now + leaseMs`. PostgreSQL skips rows
   * another transaction is claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer, and the
   * conditional UPDATE is atomic there. Either way a row is claimed by one sender.
   */
  async claim(sender: string, now: Date, leaseMs: number, limit = 10): Promise<OutboxRow[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const lockClause = this.sql.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = await this.sql.all<Row>(
      `UPDATE mail_outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM mail_outbox
         WHERE sent_at IS NULL AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
         ORDER BY id LIMIT ? ${lockClause})
       AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
       RETURNING id, recipient, subject, text_body, html_body, ics, ics_method, attempts, created_at, sent_at, last_error`,
      [sender, until, at, at, limit, at],
    );
    return rows.map(toRow).sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Only the holder of the claim marks the row: a sender whose lease ran out writes nothing. */
  async markSent(id: string, sender: string, now: Date): Promise<void> {
    await this.sql.run(
      'UPDATE mail_outbox SET sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ? AND claimed_by = ?',
      [now.toISOString(), Number(id), sender],
    );
  }

  async markFailed(id: string, sender: string, attempts: number, error: string, now: Date): Promise<void> {
    await this.sql.run(
      `UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL, last_error = ?, next_attempt_at = ?
       WHERE id = ? AND claimed_by = ?`,
      [error.slice(0, 500), new Date(now.getTime() + backoffMs(attempts)).toISOString(), Number(id), sender],
    );
  }

  /** The development mailbox: the newest mail, sent or waiting. */
  async recent(limit = 100): Promise<OutboxRow[]> {
    const rows = await this.sql.all<Row>(
      `SELECT id, recipient, subject, text_body, html_body, ics, ics_method, attempts, created_at, sent_at, last_error
       FROM mail_outbox ORDER BY id DESC LIMIT ?`,
      [limit],
    );
    return rows.map(toRow);
  }
}
