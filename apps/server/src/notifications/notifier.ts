import { notificationLink, type Notification, type NotificationKind } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import type { CaseEvents } from '../events/case-events.js';
import { faultPoint } from '../faults/fault-point.js';
import { digestMail, noticeMail } from '../mail/mail-text.js';
import { enqueueMail, type OutgoingMail } from '../mail/outbox.js';
import { insertNotification, type NotificationStore } from './notification-store.js';

/** One fact to tell some people about. */
export interface NoticeDraft {
  kind: NotificationKind;
  recipients: readonly string[];
  title: string;
  body?: string;
  caseId?: string | null;
  sectionId?: string | null;
  threadId?: string | null;
  meetingId?: string | null;
  /** Where the notice points when it is not a place in a case (a meeting). */
  link?: string;
  /** The person whose act this is: never told of their own act. */
  actorId?: string | null;
  actorName?: string | null;
  /** A calendar invitation to attach to this notice's mail. */
  calendar?: OutgoingMail['calendar'];
}

/** The stream key of a person's own notices on CaseEvents; case ids never look like this. */
export const personStream = (userId: string) => `person:${userId}`;

export interface NotifierOptions {
  /** Absolute base of links in mail (PUBLIC_URL, or the server's own address). */
  baseUrl: () => string;
  /** Called after mail was committed to the outbox, so a sender can go at once. */
  mailQueued?: () => void;
  now?: () => Date;
}

/**
 * What a fact's transaction wrote for the people it concerns, told to open bells and the mail
 * sender only once that transaction committed: call `announce()` after it resolves.
 */
export interface Told {
  readonly notices: readonly Notification[];
  announce(): void;
}

export const NOTHING_TOLD: Told = { notices: [], announce: () => {} };

/** Several facts' notices written in one transaction, announced together. */
export function allTold(told: readonly Told[]): Told {
  return { notices: told.flatMap((t) => t.notices), announce: () => told.forEach((t) => t.announce()) };
}

/**
 * Writes notices and their mail inside the transaction of the fact they tell of, so the two
 * commit together or not at all, and tells open bells after. Each person gets one notice per
 * call (the first draft naming them wins, so callers list the most specific first) and the
 * mail their setting for that kind asks for.
 */
export class Notifier {
  private readonly now: () => Date;
  private quiet = 0;

  constructor(
    private readonly storage: Storage,
    private readonly store: NotificationStore,
    private readonly events: CaseEvents,
    private readonly options: NotifierOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Runs `work` (the demo seed, before the server listens) without telling anyone: the facts
   * it writes are history, not news.
   */
  async quietly<T>(work: () => Promise<T>): Promise<T> {
    this.quiet++;
    try {
      return await work();
    } finally {
      this.quiet--;
    }
  }

  /**
   * Inside the fact's transaction `tx`: writes the notices and the outbox rows. A failure here
   * fails the fact too, which is the point: a committed fact always has its notices.
   */
  async write(tx: Storage, drafts: readonly NoticeDraft[]): Promise<Told> {
    if (this.quiet > 0) return NOTHING_TOLD;
    const seen = new Set<string>();
    const planned: Array<{ userId: string; draft: NoticeDraft }> = [];
    for (const draft of drafts) {
      for (const userId of draft.recipients) {
        if (userId === draft.actorId || seen.has(userId)) continue;
        seen.add(userId);
        planned.push({ userId, draft });
      }
    }
    if (planned.length === 0) return NOTHING_TOLD;
    // The crash test's point between the fact's writes and its notices, in one transaction.
    faultPoint('before-notices');
    const at = this.now().toISOString();
    let mailed = false;
    const written: Array<{ userId: string; notice: Notification }> = [];
    for (const { userId, draft } of planned) {
      const user = await tx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
      if (!user) continue;
      const delivery = (await this.store.mailSettings(userId, tx))[draft.kind];
      const link =
        draft.link ??
        (draft.caseId
          ? notificationLink({ caseId: draft.caseId, sectionId: draft.sectionId, threadId: draft.threadId })
          : '/');
      const notice = await insertNotification(
        tx,
        {
          userId,
          kind: draft.kind,
          title: draft.title,
          body: draft.body ?? '',
          link,
          caseId: draft.caseId ?? null,
          sectionId: draft.sectionId ?? null,
          threadId: draft.threadId ?? null,
          meetingId: draft.meetingId ?? null,
          actorName: draft.actorName ?? null,
          digestPending: delivery === 'digest',
        },
        at,
      );
      // An invitation is a calendar entry, not news: it goes at once unless mail is off.
      if (delivery === 'immediately' || (draft.calendar && delivery !== 'off')) {
        await enqueueMail(
          tx,
          { recipient: user.email, ...noticeMail(notice, this.options.baseUrl()), calendar: draft.calendar },
          at,
        );
        mailed = true;
      }
      written.push({ userId, notice });
    }
    return {
      notices: written.map((w) => w.notice),
      // Committed: only now does any bell hear of it.
      announce: () => {
        for (const { userId, notice } of written) {
          this.events.publish(personStream(userId), { type: 'notification', data: notice });
        }
        if (mailed) this.options.mailQueued?.();
      },
    };
  }

  /**
   * Gathers the notices owed to a daily digest for everyone whose oldest one has waited
   * `intervalMs`, as one mail each. Taking a person's notices off the digest and writing the
   * mail is one transaction, and the taking is a conditional UPDATE: two instances running this
   * at once write one digest.
   */
  async queueDigests(intervalMs: number): Promise<number> {
    const now = this.now();
    const due = await this.storage.db
      .selectFrom('notifications')
      .select('user_id')
      .where('digest_pending', '=', 1)
      .groupBy('user_id')
      .having((eb) => eb.fn.min('created_at'), '<=', new Date(now.getTime() - intervalMs).toISOString())
      .execute();
    let queued = 0;
    for (const { user_id: userId } of due) {
      const sent = await this.storage.transaction(async (tx) => {
        const notices = await tx.db
          .updateTable('notifications')
          .set({ digest_pending: 0 })
          .where('user_id', '=', userId)
          .where('digest_pending', '=', 1)
          .returning(['id', 'title', 'body', 'link'])
          .execute();
        const user = await tx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
        if (notices.length === 0 || !user) return false;
        notices.sort((a, b) => Number(a.id) - Number(b.id));
        await enqueueMail(
          tx,
          { recipient: user.email, ...digestMail(notices, this.options.baseUrl()) },
          now.toISOString(),
        );
        return true;
      });
      if (sent) queued++;
    }
    if (queued > 0) this.options.mailQueued?.();
    return queued;
  }
}
