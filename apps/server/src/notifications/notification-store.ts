import {
  NOTIFICATION_KINDS,
  defaultMailSettings,
  type MailSettings,
  type Notification,
  type NotificationKind,
} from '@samraad/schema';
import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Storage } from '../db/storage.js';

/** A notice as written: the shared Notification without what the database gives it, plus who and digest. */
export type NewNotification = Omit<Notification, 'id' | 'createdAt' | 'readAt'> & {
  userId: string;
  digestPending: boolean;
};

const COLUMNS = [
  'id',
  'kind',
  'title',
  'body',
  'link',
  'case_id',
  'section_id',
  'thread_id',
  'meeting_id',
  'actor_name',
  'created_at',
  'read_at',
] as const;

type NotificationRow = Pick<Selectable<Database['notifications']>, (typeof COLUMNS)[number]>;

export function toNotification(row: NotificationRow): Notification {
  return {
    id: String(row.id),
    // Written only from a NoticeDraft's kind.
    kind: row.kind as NotificationKind,
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
export async function insertNotification({ db }: Storage, input: NewNotification, at: string): Promise<Notification> {
  const row = await db
    .insertInto('notifications')
    .values({
      user_id: input.userId,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link,
      case_id: input.caseId,
      section_id: input.sectionId,
      thread_id: input.threadId,
      meeting_id: input.meetingId,
      actor_name: input.actorName,
      created_at: at,
      digest_pending: input.digestPending ? 1 : 0,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toNotification(row);
}

/** Every read and write is bound to one person: nobody reaches another person's notices. */
export class NotificationStore {
  constructor(private readonly storage: Storage) {}

  async list(userId: string, limit = 50): Promise<Notification[]> {
    const rows = await this.storage.db
      .selectFrom('notifications')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.storage.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** False when the notice is not this person's (or does not exist): the same answer for both. */
  async markRead(userId: string, id: string, at: string): Promise<boolean> {
    if (!/^\d{1,15}$/.test(id)) return false;
    const { db } = this.storage;
    const mine = await db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', Number(id))
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!mine) return false;
    await db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('id', '=', Number(id))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
    return true;
  }

  async markAllRead(userId: string, at: string): Promise<void> {
    await this.storage.db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
  }

  async mailSettings(userId: string, { db }: Storage = this.storage): Promise<MailSettings> {
    const settings = defaultMailSettings();
    const rows = await db
      .selectFrom('notification_settings')
      .select(['kind', 'delivery'])
      .where('user_id', '=', userId)
      .execute();
    for (const row of rows) {
      if ((NOTIFICATION_KINDS as readonly string[]).includes(row.kind)) {
        settings[row.kind as NotificationKind] = row.delivery;
      }
    }
    return settings;
  }

  async saveMailSettings(userId: string, changes: Partial<MailSettings>): Promise<MailSettings> {
    const rows = Object.entries(changes).map(([kind, delivery]) => ({ user_id: userId, kind, delivery }));
    // One statement, so the changes land together.
    if (rows.length > 0) {
      await this.storage.db
        .insertInto('notification_settings')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['user_id', 'kind']).doUpdateSet((eb) => ({ delivery: eb.ref('excluded.delivery') })),
        )
        .execute();
    }
    return this.mailSettings(userId);
  }
}
