import {
  CreateThreadInputSchema,
  EditCommentInputSchema,
  ReplyInputSchema,
  SetThreadStatusInputSchema,
  decideComment,
  decideCommentChange,
  decideThreadStatus,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { CaseEvents } from '../events/case-events.js';
import type { CommentRepository } from '../comments/comment-repository.js';
import type { UserRepository } from '../users/user-repository.js';
import type { CaseNotices } from '../notifications/case-notices.js';
import { NOTHING_TOLD } from '../notifications/notifier.js';
import { createSqlCommentRepository } from '../comments/sql-comment-repository.js';
import type { Storage } from '../db/storage.js';
import { readableCase } from './access.js';
import { Forbidden, InvalidInput, NotFound } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

export interface CommentDependencies {
  cases: CaseRepository;
  comments: CommentRepository;
  caseEvents: CaseEvents;
  users: UserRepository;
  notices?: CaseNotices;
  sql: Storage;
}

/** Mentions must name people of the case's community; anything else is refused. */
export async function requireCommunityMentions(
  users: UserRepository,
  communityId: string,
  mentions: string[],
): Promise<void> {
  if (mentions.length === 0) return;
  const members = new Set((await users.membersOf(communityId)).map((m) => m.id));
  if (mentions.some((id) => !members.has(id))) {
    throw new InvalidInput('du kan bare nevne personer i helsefellesskapet');
  }
}

/** Comment threads, their replies and status. */
export function commentsRouter({ cases, comments, caseEvents, users, notices, sql }: CommentDependencies) {
  /** The thread, its case, and the viewer's actor there; null when the viewer may not read it. */
  const readableThread = async (c: Context<AuthEnv>, threadId: string) => {
    const thread = await comments.getThread(threadId);
    if (!thread) return null;
    const readable = await readableCase(c, cases, thread.caseId);
    return readable ? { thread, ...readable } : null;
  };

  /** Tells the case's open pages of the thread as it now stands. */
  const changed = async (c: Context<AuthEnv>, threadId: string, status: 200 | 201 = 200) => {
    const thread = (await comments.getThread(threadId))!;
    caseEvents.publish(thread.caseId, { type: 'thread', data: thread });
    return c.json(thread, status);
  };

  /**
   * Writes a comment through `write` and the notices of it (`commentId`: the comment written or
   * edited; `edit`: who it mentioned before the edit, so only new mentions are told) in one
   * transaction; then tells the case's open pages and the people's bells.
   */
  const written = async (
    c: Context<AuthEnv>,
    status: 200 | 201,
    write: (
      comments: CommentRepository,
    ) => Promise<{ threadId: string; commentId: string; edit?: { alreadyMentioned: string[] } }>,
  ) => {
    const { thread, told } = await sql.transaction(async (tx) => {
      const inTx = createSqlCommentRepository(tx);
      const done = await write(inTx);
      const thread = (await inTx.getThread(done.threadId))!;
      const told = notices ? await notices.commented(tx, thread, done.commentId, done.edit ?? null) : NOTHING_TOLD;
      return { thread, told };
    });
    caseEvents.publish(thread.caseId, { type: 'thread', data: thread });
    told.announce();
    return c.json(thread, status);
  };

  return new Hono<AuthEnv>()
    .get('/cases/:caseId/threads', async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      return c.json(await comments.listThreads(readable.found.id));
    })
    .post('/cases/:caseId/threads', jsonBody(CreateThreadInputSchema), async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      if (!decideComment(readable.actor).allowed) throw Forbidden.saying('du kan ikke kommentere denne saken');
      const input = c.req.valid('json');
      if (!(await cases.getSection(readable.found.id, input.sectionId))) throw new NotFound('Delen');
      await requireCommunityMentions(users, readable.found.communityId, input.mentions);
      // The author is always the session's user; the body has no author field to forge.
      return written(c, 201, async (inTx) => {
        const thread = await inTx.createThread({
          ...input,
          caseId: readable.found.id,
          authorId: c.get('viewer')!.user.id,
        });
        return { threadId: thread.id, commentId: thread.comments[0]!.id };
      });
    })
    .post('/threads/:threadId/comments', jsonBody(ReplyInputSchema), async (c) => {
      const found = await readableThread(c, c.req.param('threadId'));
      if (!found) throw new NotFound('Tråden');
      if (!decideComment(found.actor).allowed) throw Forbidden.saying('du kan ikke kommentere denne saken');
      const input = c.req.valid('json');
      await requireCommunityMentions(users, found.found.communityId, input.mentions);
      return written(c, 201, async (inTx) => {
        const after = await inTx.addComment(found.thread.id, c.get('viewer')!.user.id, input.body, input.mentions);
        return { threadId: after.id, commentId: after.comments.at(-1)!.id };
      });
    })
    .patch('/comments/:commentId', jsonBody(EditCommentInputSchema), async (c) => {
      const comment = await comments.findComment(c.req.param('commentId'));
      const found = comment ? await readableThread(c, comment.threadId) : null;
      if (!comment || !found || comment.deleted) throw new NotFound('Kommentaren');
      if (!decideCommentChange(c.get('viewer')!.user.id, comment.authorId).allowed) {
        throw Forbidden.saying('du kan bare endre dine egne kommentarer');
      }
      const input = c.req.valid('json');
      await requireCommunityMentions(users, found.found.communityId, input.mentions);
      const before = found.thread.comments.find((x) => x.id === c.req.param('commentId'));
      return written(c, 200, async (inTx) => {
        await inTx.editComment(c.req.param('commentId'), input.body, input.mentions);
        return {
          threadId: comment.threadId,
          commentId: c.req.param('commentId'),
          edit: { alreadyMentioned: before?.mentions ?? [] },
        };
      });
    })
    .delete('/comments/:commentId', async (c) => {
      const comment = await comments.findComment(c.req.param('commentId'));
      const found = comment ? await readableThread(c, comment.threadId) : null;
      if (!comment || !found || comment.deleted) throw new NotFound('Kommentaren');
      if (!decideCommentChange(c.get('viewer')!.user.id, comment.authorId).allowed) {
        throw Forbidden.saying('du kan bare slette dine egne kommentarer');
      }
      await comments.deleteComment(c.req.param('commentId'));
      return changed(c, comment.threadId);
    })
    .put('/threads/:threadId/status', jsonBody(SetThreadStatusInputSchema), async (c) => {
      const found = await readableThread(c, c.req.param('threadId'));
      if (!found) throw new NotFound('Tråden');
      const section = await cases.getSection(found.thread.caseId, found.thread.sectionId);
      const userId = c.get('viewer')!.user.id;
      if (!section || !decideThreadStatus(found.actor, userId, found.thread.createdBy, section.owner).allowed) {
        throw Forbidden.saying('bare den som startet tråden, sekretariatet eller siden som eier teksten kan løse den');
      }
      await comments.setStatus(found.thread.id, c.req.valid('json').status, userId);
      return changed(c, found.thread.id);
    })
    .get('/communities/:communityId/people', async (c) => {
      const communityId = c.req.param('communityId');
      const viewer = c.get('viewer')!;
      if (!viewer.memberships.some((m) => m.communityId === communityId)) throw new NotFound('Helsefellesskapet');
      return c.json(await users.membersOf(communityId));
    })
    .get('/me/mentions', async (c) => c.json(await comments.mentionsOf(c.get('viewer')!.user.id)));
}
