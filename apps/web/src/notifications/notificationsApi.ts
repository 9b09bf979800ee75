import type { NotificationList } from '@samraad/schema';
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
