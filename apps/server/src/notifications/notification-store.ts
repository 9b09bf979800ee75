import {
  NOTIFICATION_KINDS,
  defaultMailSettings,
  type MailDelivery,
  type MailSettings,
  type Notification,
  type NotificationKind,
} from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';

interface NotificationRow {
  id: number | string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  case_id: string | null;
  section_id: string | null;
  thread_id: string | null;
  meeting_id: string | null;
  actor_name: string | null;
  created_at: string;
  read_at: string | null;
}

/** A notice as written: the shared Notification without what the database gives it, plus who and digest. */
export type NewNotification = Omit<Notification, 'id' | 'createdAt' | 'readAt'> & {
  userId: string;
  digestPending: boolean;
};

const COLUMNS =
  'id, kind, title, body, link, case_id, section_id, thread_id, meeting_id, actor_name, created_at, read_at';

export function toNotification(row: NotificationRow): Notification {
  return {
    id: String(row.id),
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    caseId: row.case_id,
    sectionId: row.section_id,
    threadId: row.thread_id,
    meetingId: row.meeting_id,
    actorName: row.actor_name,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** Inside the caller's transaction: the notice, as stored. */
export async function insertNotification(tx: SqlClient, input: NewNotification, at: string): Promise<Notification> {
  const row = await tx.get<NotificationRow>(
    `INSERT INTO notifications (user_id, kind, title, body, link, case_id, section_id, thread_id, meeting_id,
       actor_name, created_at, digest_pending)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
    [
      input.userId,
      input.kind,
      input.title,
      input.body,
      input.link,
      input.caseId,
      input.sectionId,
      input.threadId,
      input.meetingId,
      input.actorName,
      at,
      input.digestPending ? 1 : 0,
    ],
  );
  return toNotification(row!);
}

/** Every read and write is bound to one person: nobody reaches another person's notices. */
export class NotificationStore {
  constructor(private readonly sql: SqlClient) {}

  async list(userId: string, limit = 50): Promise<Notification[]> {
    const rows = await this.sql.all<NotificationRow>(
      `SELECT ${COLUMNS} FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
      [userId, limit],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.sql.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
      [userId],
    );
    return Number(row?.n ?? 0);
  }

  /** False when the notice is not this person's (or does not exist): the same answer for both. */
  async markRead(userId: string, id: string, at: string): Promise<boolean> {
    if (!/^\d{1,15}$/.test(id)) return false;
    const mine = await this.sql.get<{ id: unknown }>('SELECT id FROM notifications WHERE id = ? AND user_id = ?', [
      Number(id),
      userId,
    ]);
    if (!mine) return false;
    await this.sql.run('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL', [
      at,
      Number(id),
      userId,
    ]);
    return true;
  }

  async markAllRead(userId: string, at: string): Promise<void> {
    await this.sql.run('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [at, userId]);
  }

  async mailSettings(userId: string, sql: SqlClient = this.sql): Promise<MailSettings> {
    const settings = defaultMailSettings();
    const rows = await sql.all<{ kind: string; delivery: MailDelivery }>(
      'SELECT kind, delivery FROM notification_settings WHERE user_id = ?',
      [userId],
    );
    for (const row of rows) {
      if ((NOTIFICATION_KINDS as readonly string[]).includes(row.kind)) {
        settings[row.kind as NotificationKind] = row.delivery;
      }
    }
    return settings;
  }

  async saveMailSettings(userId: string, changes: Partial<MailSettings>): Promise<MailSettings> {
    await this.sql.transaction(async (tx) => {
      for (const [kind, delivery] of Object.entries(changes)) {
        await tx.run(
          `INSERT INTO notification_settings (user_id, kind, delivery) VALUES (?, ?, ?)
           ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery`,
          [userId, kind, delivery],
        );
      }
    });
    return this.mailSettings(userId);
  }
}
