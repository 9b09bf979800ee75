import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { Forbidden } from '../errors/domain-errors.js';
import type { MailOutbox } from '../mail/outbox.js';

/**
 * The development mailbox: what the outbox holds, sent or not. Without SMTP_URL nothing leaves
 * the server, and this is where an administrator reads the mail that would have gone.
 */
export function mailboxRouter(outbox: MailOutbox) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    const viewer = c.get('viewer')!;
    if (!viewer.memberships.some((m) => m.role === 'admin')) {
      throw Forbidden.saying('bare administratorer kan lese utgående e-post');
    }
    return c.json(await outbox.recent());
  });
}
