import type { MailSettings, NotificationList } from '@samraad/schema';
import { request } from '../api/client.js';

export function fetchNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return request('/api/me/notifications', { signal });
}

export function markNotificationRead(id: string): Promise<{ unread: number }> {
  return request(`/api/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function markAllNotificationsRead(): Promise<{ unread: number }> {
  return request('/api/me/notifications/read-all', { method: 'POST' });
}

/** The person's own live stream of notices. */
export const NOTIFICATION_STREAM = '/api/me/notifications/events';

export function fetchMailSettings(signal?: AbortSignal): Promise<MailSettings> {
  return request('/api/me/notification-settings', { signal });
}

export function saveMailSettings(settings: Partial<MailSettings>): Promise<MailSettings> {
  return request('/api/me/notification-settings', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
}

export function fetchCalendarUrl(): Promise<{ url: string }> {
  return request('/api/me/calendar');
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
  return request('/api/dev-mailbox', { signal });
}
