import { SearchQuerySchema } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { SearchService } from '../search/search-service.js';
import { queryOf } from './validate.js';

/** GET /api/search?q=: hits in the cases, sections and comments the viewer may read. */
export function searchRouter({ search }: { search: SearchService }) {
  return new Hono<AuthEnv>().get('/', queryOf(SearchQuerySchema), async (c) => {
    const communityIds = c.get('viewer')!.memberships.map((membership) => membership.communityId);
    return c.json(await search.search(communityIds, c.req.valid('query').q));
  });
}
