import { CreateProposalInputSchema, DecideProposalInputSchema } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { CommentRepository } from '../comments/comment-repository.js';
import { createSqlCommentRepository } from '../comments/sql-comment-repository.js';
import type { Storage } from '../db/storage.js';
import { NOTHING_TOLD } from '../notifications/notifier.js';
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
  sql: Storage;
}

/**
 * Proposals ("Foreslå endring"): made on a case like a comment thread, decided on the thread.
 * The answer and the case's event stream carry the thread, so every open page shows it live.
 */
export function proposalsRouter({
  cases,
  comments,
  proposals,
  caseEvents,
  users,
  notices,
  sql,
}: ProposalRouteDependencies) {
  return new Hono<AuthEnv>()
    .post('/cases/:caseId/proposals', jsonBody(CreateProposalInputSchema), async (c) => {
      const acting = await actingOn(c, cases, c.req.param('caseId'));
      if (!acting) throw new NotFound('Saken');
      const found = (await cases.getCase(c.req.param('caseId')))!;
      const input = c.req.valid('json');
      await requireCommunityMentions(users, found.communityId, input.mentions);
      // The proposer is always the session's user; the body has no author field to forge.
      const write = await proposals.prepare(found, acting, input);
      // The proposal and the notices of whom it mentions commit together.
      const { thread, told } = await sql.transaction(async (tx) => {
        const thread = await write(createSqlCommentRepository(tx));
        // A proposal may come without a comment; only a comment can mention anyone.
        const opening = thread.comments[0];
        const told = notices && opening ? await notices.commented(tx, thread, opening.id, null) : NOTHING_TOLD;
        return { thread, told };
      });
      caseEvents.publish(thread.caseId, { type: 'thread', data: thread });
      told.announce();
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
