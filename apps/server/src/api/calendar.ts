import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { NotFound } from '../errors/domain-errors.js';
import type { Services } from '../services.js';
import { MeetingCalendar, meetingFeed } from '../calendar/meeting-calendar.js';

/**
 * A person's subscribable calendar of their communities' meetings. The feed URL carries a
 * secret token instead of a login, since calendar programs fetch it without cookies; it shows
 * exactly the meetings its owner may read, as of each fetch.
 */
export function calendarRouters(services: Pick<Services, 'sql' | 'users' | 'mailLinks' | 'meetings'>) {
  const calendar = new MeetingCalendar(services.sql);
  const meetings = services.meetings;

  /** Mounted under /api/me, behind the login. */
  const own = new Hono<AuthEnv>().get('/calendar', async (c) => {
    const token = await calendar.tokenFor(c.get('viewer')!.user.id);
    return c.json({ url: new URL(`/api/calendar/${token}.ics`, services.mailLinks.baseUrl).toString() });
  });

  /** Mounted at /api/calendar, without a login: the token is the key. */
  const feed = new Hono<AuthEnv>().get('/:file', async (c) => {
    const token = c.req.param('file').replace(/\.ics$/, '');
    const userId = await calendar.ownerOf(token);
    if (!userId) throw new NotFound('Kalenderen');
    const memberships = await services.users.memberships(userId);
    const all = (await Promise.all(memberships.map((m) => meetings.listMeetings(m.communityId)))).flat();
    const sequences = await calendar.sequences(all.map((m) => m.id));
    const entries = await Promise.all(
      all.map(async (meeting) => ({
        meeting,
        bodyName: (await meetings.getBody(meeting.bodyId))?.name ?? 'møteorganet',
        sequence: sequences.get(meeting.id) ?? 0,
        agendaUrl: new URL(`/mote/${encodeURIComponent(meeting.id)}`, services.mailLinks.baseUrl).toString(),
      })),
    );
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('cache-control', 'private, no-store');
    return c.body(meetingFeed(entries));
  });

  return { own, feed };
}
