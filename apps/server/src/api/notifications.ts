import { MailSettingsInputSchema, type CaseEvent, type NotificationList } from '@samraad/schema';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseEvents } from '../events/case-events.js';
import { NotFound } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';
import type { NotificationStore } from '../notifications/notification-store.js';
import { personStream } from '../notifications/notifier.js';

const KEEPALIVE_MS = 25_000;

/**
 * The viewer's own notices (mounted under /api/me, behind requireViewer). Every route reads and
 * writes the session's person only: there is no user id in any path or body to forge.
 */
export function notificationsRouter({
  notifications,
  caseEvents,
}: {
  notifications: NotificationStore;
  caseEvents: CaseEvents;
}) {
  return new Hono<AuthEnv>()
    .get('/notifications', async (c) => {
      const userId = c.get('viewer')!.user.id;
      const [items, unread] = await Promise.all([notifications.list(userId), notifications.unreadCount(userId)]);
      return c.json({ items, unread } satisfies NotificationList);
    })
    .get('/notifications/unread', async (c) =>
      c.json({ unread: await notifications.unreadCount(c.get('viewer')!.user.id) }),
    )
    .post('/notifications/read-all', async (c) => {
      const userId = c.get('viewer')!.user.id;
      await notifications.markAllRead(userId, new Date().toISOString());
      return c.json({ unread: 0 });
    })
    .post('/notifications/:id/read', async (c) => {
      const userId = c.get('viewer')!.user.id;
      // Someone else's notice answers exactly like one that does not exist.
      if (!(await notifications.markRead(userId, c.req.param('id'), new Date().toISOString()))) {
        throw new NotFound('Varselet');
      }
      return c.json({ unread: await notifications.unreadCount(userId) });
    })
    .get('/notifications/events', (c) => {
      const userId = c.get('viewer')!.user.id;
      return streamSSE(c, async (stream) => {
        const send = (event: CaseEvent) =>
          void stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
        const unsubscribe = caseEvents.subscribe(personStream(userId), send);
        stream.onAbort(unsubscribe);
        // Tells the page the stream is open, so it can re-read what it may have missed.
        await stream.writeSSE({ event: 'ready', data: '"open"' });
        while (!stream.aborted && !stream.closed) {
          await stream.sleep(KEEPALIVE_MS);
          await stream.writeSSE({ event: 'ping', data: '' });
        }
        unsubscribe();
      });
    })
    .get('/notification-settings', async (c) => c.json(await notifications.mailSettings(c.get('viewer')!.user.id)))
    .put('/notification-settings', jsonBody(MailSettingsInputSchema), async (c) =>
      c.json(await notifications.saveMailSettings(c.get('viewer')!.user.id, c.req.valid('json'))),
    );
}
