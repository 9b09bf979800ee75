import { CreateCaseInputSchema, decideCaseManagement } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { SqlClient } from '../db/sql-client.js';
import { createNumberedCase } from '../meetings/case-numbers.js';
import { actorFor } from './access.js';
import { apiError, notFound } from './errors.js';
import { jsonBody } from './validate.js';

export function communitiesRouter(cases: CaseRepository, sql: SqlClient) {
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const mine = new Set(c.get('viewer')!.memberships.map((m) => m.communityId));
      return c.json((await cases.listCommunities()).filter((community) => mine.has(community.id)));
    })
    .get('/:communityId', async (c) => {
      const communityId = c.req.param('communityId');
      const community = actorFor(c, communityId) ? await cases.getCommunity(communityId) : null;
      return community ? c.json(community) : notFound(c, 'Helsefellesskapet');
    })
    .get('/:communityId/cases', async (c) => {
      const communityId = c.req.param('communityId');
      if (!actorFor(c, communityId) || !(await cases.getCommunity(communityId))) return notFound(c, 'Helsefellesskapet');
      return c.json(await cases.listCases(communityId));
    })
    .post('/:communityId/cases', jsonBody(CreateCaseInputSchema), async (c) => {
      const communityId = c.req.param('communityId');
      const actor = actorFor(c, communityId);
      if (!actor || !(await cases.getCommunity(communityId))) return notFound(c, 'Helsefellesskapet');
      if (!decideCaseManagement(actor).allowed) return apiError(c, 403, 'forbidden', 'bare sekretariatet kan opprette saker');
      // Number and reference, when not given, are the next free ones (see createNumberedCase).
      const created = await createNumberedCase(sql, { ...c.req.valid('json'), communityId });
      return c.json(created, 201);
    });
}
