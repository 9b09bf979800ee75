import { CorrectionRequestInputSchema, type PublicationState } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { PublicationService } from '../publication/publication-service.js';
import { actingOn } from './consensus.js';
import { NotFound } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

export interface PublicationRouteDependencies {
  cases: CaseRepository;
  publication: PublicationService;
}

/**
 * GET  /cases/:caseId/publication                                  whether it is frozen, its publications, corrections
 * POST /cases/:caseId/publication/corrections                      one side asks to correct the published text
 * POST /cases/:caseId/publication/corrections/:requestId/confirm   the other side confirms; the text opens
 * POST /cases/:caseId/publication/republish                        the secretariat publishes the corrected text
 * (The first publication is the status change to publisert, PUT /cases/:caseId/status.)
 */
export function publicationRouter({ cases, publication }: PublicationRouteDependencies) {
  return new Hono<AuthEnv>()
    .get('/cases/:caseId/publication', async (c) => {
      if (!(await actingOn(c, cases, c.req.param('caseId')))) throw new NotFound('Saken');
      const state: PublicationState = await publication.state(c.req.param('caseId'));
      return c.json(state);
    })
    .post('/cases/:caseId/publication/corrections', jsonBody(CorrectionRequestInputSchema), async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(
        await publication.requestCorrection(c.req.param('caseId'), acting, c.req.valid('json').reason),
        201,
      );
    })
    .post('/cases/:caseId/publication/corrections/:requestId/confirm', async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await publication.confirmCorrection(c.req.param('caseId'), c.req.param('requestId'), acting));
    })
    .post('/cases/:caseId/publication/republish', async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await publication.publish(c.req.param('caseId'), acting));
    });
}
