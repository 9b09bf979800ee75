import { z } from 'zod';

/**
 * What a person can be told about. Each kind is produced in one place on the server, where the
 * fact happens, and each person chooses per kind how (or whether) it reaches them by e-mail.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'case-status',
  'approval-needed',
  'approval-dropped',
  'consensus',
  'published',
  'reopen-requested',
  'meeting',
  'signature-needed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** E-mail for a kind: at once, gathered in one mail a day, or none (the bell always shows it). */
export const MAIL_DELIVERIES = ['immediately', 'digest', 'off'] as const;
export type MailDelivery = (typeof MAIL_DELIVERIES)[number];

/** One notice in a person's bell, with the place it is about. */
export interface Notification {
  id: string;
  kind: NotificationKind;
  /** Norwegian one-liner: what happened and where. */
  title: string;
  /** Norwegian detail (the comment's text, who changed the wording). */
  body: string;
  /** Path in the web app to the exact place: case, and section or thread when there is one. */
  link: string;
  caseId: string | null;
  sectionId: string | null;
  threadId: string | null;
  meetingId: string | null;
  actorName: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export type MailSettings = Record<NotificationKind, MailDelivery>;

export const MailSettingsInputSchema = z.partialRecord(NotificationKindSchema, z.enum(MAIL_DELIVERIES));
export type MailSettingsInput = z.infer<typeof MailSettingsInputSchema>;

/** Kinds whose mail goes at once unless the person chooses otherwise; the rest default to the daily digest. */
export const IMMEDIATE_BY_DEFAULT: readonly NotificationKind[] = [
  'mention',
  'approval-needed',
  'approval-dropped',
  'reopen-requested',
  'meeting',
  'signature-needed',
];

export function defaultMailSettings(): MailSettings {
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, IMMEDIATE_BY_DEFAULT.includes(kind) ? 'immediately' : 'digest']),
  ) as MailSettings;
}

/** Where in the web app a notice points: the case page, scrolled to a section or thread. */
export function notificationLink(place: { caseId: string; sectionId?: string | null; threadId?: string | null }) {
  const query = new URLSearchParams();
  if (place.sectionId) query.set('del', place.sectionId);
  if (place.threadId) query.set('trad', place.threadId);
  const search = query.toString();
  return `/sak/${encodeURIComponent(place.caseId)}${search ? `?${search}` : ''}`;
}
