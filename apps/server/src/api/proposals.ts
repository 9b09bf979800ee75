import { CreateProposalInputSchema, DecideProposalInputSchema } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { CommentRepository } from '../comments/comment-repository.js';
import type { CaseEvents } from '../events/case-events.js';
import type { CaseNotices } from '../notifications/case-notices.js';
import type { ProposalService } from '../proposals/proposal-service.js';
import type { UserRepository } from '../users/user-repository.js';
import { NotFound } from '../errors/domain-errors.js';
import { actingOn } from './consensus.js';
import { requireCommunityMentions } from './comments.js';
import { jsonBody } from './validate.js';

export interface ProposalRouteDependencies {
  cases: CaseRepository;
  comments: CommentRepository;
  proposals: ProposalService;
  caseEvents: CaseEvents;
  users: UserRepository;
  notices?: CaseNotices;
}

/**
 * Proposals ("Foreslå endring"): made on a case like a comment thread, decided on the thread.
 * The answer and the case's event stream carry the thread, so every open page shows it live.
 */
export function proposalsRouter({ cases, comments, proposals, caseEvents, users, notices }: ProposalRouteDependencies) {
  return new Hono<AuthEnv>()
    .post('/cases/:caseId/proposals', jsonBody(CreateProposalInputSchema), async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      const found = (await cases.getCase(c.req.param('caseId')))!;
      const input = c.req.valid('json');
      await requireCommunityMentions(users, found.communityId, input.mentions);
      // The proposer is always the session's user; the body has no author field to forge.
      const thread = await proposals.create(found, acting, input);
      caseEvents.publish(thread.caseId, { type: 'thread', data: thread });
      const opening = thread.comments[0];
      if (opening) await notices?.commented(thread, opening.id, null);
      return c.json(thread, 201);
    })
    .put('/threads/:threadId/proposal', jsonBody(DecideProposalInputSchema), async (c) => {
      const thread = await comments.getThread(c.req.param('threadId'));
      const acting = thread ? await actingOn(c, cases, thread.caseId) : null;
      if (!thread || !acting) throw new NotFound('Tråden');
      const decided = await proposals.decide(thread, c.req.valid('json').decision, acting);
      caseEvents.publish(decided.caseId, { type: 'thread', data: decided });
      return c.json(decided);
    });
}
