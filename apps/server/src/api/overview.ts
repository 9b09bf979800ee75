import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { OverviewService } from '../overview/overview-service.js';

/** GET /api/me/overview: the start page's lists for the logged-in person. */
export function overviewRouter({ overview }: { overview: OverviewService }) {
  return new Hono<AuthEnv>().get('/overview', async (c) => {
    const viewer = c.get('viewer')!;
    return c.json(await overview.overview(viewer.user.id, viewer.memberships));
  });
}
