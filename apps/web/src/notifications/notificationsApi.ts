import type { MailSettings, NotificationList } from '@samraad/schema';
import { api, call, cancelledBy } from '../api/client.js';

export function fetchNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return call(api.me.notifications.$get({}, cancelledBy(signal)), signal);
}

export function markNotificationRead(id: string): Promise<{ unread: number }> {
  return call(api.me.notifications[':id'].read.$post({ param: { id: encodeURIComponent(id) } }));
}

export function markAllNotificationsRead(): Promise<{ unread: number }> {
  return call(api.me.notifications['read-all'].$post({}));
}

/** The person's own live stream of notices. */
export const NOTIFICATION_STREAM = '/api/me/notifications/events';

export function fetchMailSettings(signal?: AbortSignal): Promise<MailSettings> {
  return call(api.me['notification-settings'].$get({}, cancelledBy(signal)), signal);
}

export function saveMailSettings(settings: Partial<MailSettings>): Promise<MailSettings> {
  return call(api.me['notification-settings'].$put({ json: settings }));
}

export function fetchCalendarUrl(): Promise<{ url: string }> {
  return call(api.me.calendar.$get({}));
}

/** A mail in the outbox, as the development mailbox shows it (administrators only). */
export interface OutboxMail {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
}

export function fetchDevMailbox(signal?: AbortSignal): Promise<OutboxMail[]> {
  return call(api['dev-mailbox'].$get({}, cancelledBy(signal)), signal);
}
