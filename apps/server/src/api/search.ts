import { SearchQuerySchema } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { SearchService } from '../search/search-service.js';
import { InvalidInput } from '../errors/domain-errors.js';

/** GET /api/search?q=: hits in the cases, sections and comments the viewer may read. */
export function searchRouter({ search }: { search: SearchService }) {
  return new Hono<AuthEnv>().get('/', async (c) => {
    const parsed = SearchQuerySchema.safeParse({ q: c.req.query('q') ?? '' });
    if (!parsed.success) {
      throw new InvalidInput(parsed.error.issues[0]?.message ?? 'ugyldig søk', undefined, 'invalid_query');
    }
    const communityIds = c.get('viewer')!.memberships.map((membership) => membership.communityId);
    return c.json(await search.search(communityIds, parsed.data.q));
  });
}
