import {
  ApproveInputSchema,
  ConsensusSettingsInputSchema,
  ReopenRequestInputSchema,
  StatusChangeInputSchema,
  type Case,
  type ConsensusView,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { Acting, ConsensusService } from '../consensus/consensus-service.js';
import { actorFor } from './access.js';
import { NotFound } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

export interface ConsensusRouteDependencies {
  cases: CaseRepository;
  consensusService: ConsensusService;
}

/** The case the viewer may read and who they are in it; null answers 404. */
export async function actingOn(c: Context<AuthEnv>, cases: CaseRepository, caseId: string): Promise<Acting | null> {
  const found = await cases.getCase(caseId);
  return found ? actingIn(c, found) : null;
}

/** Who the viewer is in a case already read; null when they may not read it (answered 404). */
function actingIn(c: Context<AuthEnv>, found: Case): Acting | null {
  const actor = actorFor(c, found.communityId);
  if (!actor) return null;
  const { user } = c.get('viewer')!;
  return { userId: user.id, name: user.name, actor };
}

/**
 * Approval, lock, reopening, one-step agreement, the case flow and the decision record.
 * Refusals are thrown as domain errors (errors/domain-errors.ts) and answered by the app's error handler.
 */
export function consensusRouter({ cases, consensusService: consensus }: ConsensusRouteDependencies) {
  return new Hono<AuthEnv>()
    .get('/cases/:caseId/consensus', async (c) => {
      if (!(await actingOn(c, cases, c.req.param('caseId')))) throw new NotFound('Saken');
      const view: ConsensusView = await consensus.state(c.req.param('caseId'));
      return c.json(view);
    })
    .post('/cases/:caseId/consensus/approvals', jsonBody(ApproveInputSchema), async (c) => {
      // Who the viewer is in the case, decided on the case the approval reads anyway.
      const acting = (found: Case) => actingIn(c, found);
      return c.json(await consensus.approve(c.req.param('caseId'), acting, c.req.valid('json').contentHash), 201);
    })
    .post('/cases/:caseId/consensus/one-step', async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await consensus.agreeOneStep(c.req.param('caseId'), acting), 201);
    })
    .delete('/cases/:caseId/consensus/one-step', async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await consensus.withdrawOneStep(c.req.param('caseId'), acting));
    })
    .post('/cases/:caseId/consensus/reopen-requests', jsonBody(ReopenRequestInputSchema), async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await consensus.requestReopen(c.req.param('caseId'), acting, c.req.valid('json').reason), 201);
    })
    .post('/cases/:caseId/consensus/reopen-requests/:requestId/confirm', async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await consensus.confirmReopen(c.req.param('caseId'), c.req.param('requestId'), acting));
    })
    .put('/cases/:caseId/status', jsonBody(StatusChangeInputSchema), async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      return c.json(await consensus.changeStatus(c.req.param('caseId'), c.req.valid('json').status, acting));
    })
    .get('/cases/:caseId/decision', async (c) => {
      if (!(await actingOn(c, cases, c.req.param('caseId')))) throw new NotFound('Saken');
      return c.json(await consensus.decisionRecord(c.req.param('caseId')));
    })
    .get('/communities/:communityId/consensus-settings', async (c) => {
      const communityId = c.req.param('communityId');
      if (!actorFor(c, communityId)) throw new NotFound('Helsefellesskapet');
      return c.json(await consensus.settings(communityId));
    })
    .put('/communities/:communityId/consensus-settings', jsonBody(ConsensusSettingsInputSchema), async (c) => {
      const communityId = c.req.param('communityId');
      const actor = actorFor(c, communityId);
      if (!actor) throw new NotFound('Helsefellesskapet');
      return c.json(await consensus.saveSettings(communityId, actor, c.req.valid('json')));
    });
}
