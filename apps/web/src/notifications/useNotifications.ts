import { useCallback, useEffect, useState } from 'react';
import type { Notification } from '@samraad/schema';
import {
  NOTIFICATION_STREAM,
  fetchNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notificationsApi.js';

export interface NotificationsState {
  items: Notification[];
  unread: number;
  failed: boolean;
  markRead: (id: string) => Promise<void>;
  markAllRead: () => Promise<void>;
}

/**
 * The person's notices, kept live: read once, then every notice the server pushes is added at
 * the top. When the stream (re)opens the list is read again, so nothing missed while it was
 * down is left out.
 */
export function useNotifications(): NotificationsState {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [failed, setFailed] = useState(false);

  const reload = useCallback((signal?: AbortSignal) => {
    fetchNotifications(signal).then(
      (list) => {
        setItems(list.items);
        setUnread(list.unread);
        setFailed(false);
      },
      () => {
        if (!signal?.aborted) setFailed(true);
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const source = new EventSource(NOTIFICATION_STREAM);
    const onNotice = (event: MessageEvent<string>) => {
      const notice = JSON.parse(event.data) as Notification;
      setItems((current) => (current.some((n) => n.id === notice.id) ? current : [notice, ...current]));
      setUnread((count) => count + 1);
    };
    // The server says "ready" once it listens for this person: read what came before.
    const onReady = () => reload(controller.signal);
    source.addEventListener('notification', onNotice);
    source.addEventListener('ready', onReady);
    return () => {
      controller.abort();
      source.removeEventListener('notification', onNotice);
      source.removeEventListener('ready', onReady);
      source.close();
    };
  }, [reload]);

  const markRead = useCallback(async (id: string) => {
    const { unread: left } = await markNotificationRead(id);
    const at = new Date().toISOString();
    setItems((current) => current.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: at } : n)));
    setUnread(left);
  }, []);

  const markAllRead = useCallback(async () => {
    await markAllNotificationsRead();
    const at = new Date().toISOString();
    setItems((current) => current.map((n) => (n.readAt ? n : { ...n, readAt: at })));
    setUnread(0);
  }, []);

  return { items, unread, failed, markRead, markAllRead };
}
