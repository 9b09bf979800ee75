import { randomUUID } from 'node:crypto';
import { CommentThreadSchema, type Comment, type CommentThread } from '@samraad/schema';
import { sql, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Storage } from '../db/storage.js';
import type { CommentRepository } from './comment-repository.js';
import { decideOpenProposal, insertProposal, proposalsOf, releaseAcceptedProposal } from './proposal-rows.js';

type ThreadRow = Selectable<Database['comment_threads']>;

interface CommentRow extends Selectable<Database['comments']> {
  author_name: string;
  mentions: string | null;
}

function commentFromRow(row: CommentRow): Comment {
  const deleted = Number(row.deleted) === 1;
  return {
    id: row.id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: deleted ? '' : row.body,
    mentions: row.mentions ? row.mentions.split(',') : [],
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted,
  };
}

export function createSqlCommentRepository(storage: Storage): CommentRepository {
  // string_agg is PostgreSQL's; SQLite spells it group_concat (and also accepts string_agg
  // since 3.44). Choose per dialect so older SQLite builds work too.
  const joinIds = storage.dialect === 'sqlite' ? 'group_concat' : 'string_agg';

  async function withComments(rows: ThreadRow[]): Promise<CommentThread[]> {
    if (rows.length === 0) return [];
    const comments: CommentRow[] = await storage.db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.id', 'c.author_id')
      .selectAll('c')
      .select('u.name as author_name')
      .select((eb) =>
        eb
          .selectFrom('comment_mentions as m')
          .select((sub) => sub.fn<string>(joinIds, ['m.user_id', sql.lit(',')]).as('ids'))
          .whereRef('m.comment_id', '=', 'c.id')
          .as('mentions'),
      )
      .where(
        'c.thread_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
    const proposals = await proposalsOf(
      storage,
      rows.map((r) => r.id),
    );
    const byThread = new Map<string, Comment[]>();
    for (const comment of comments.map(commentFromRow)) {
      byThread.set(comment.threadId, [...(byThread.get(comment.threadId) ?? []), comment]);
    }
    return rows.map((row) =>
      CommentThreadSchema.parse({
        id: row.id,
        caseId: row.case_id,
        sectionId: row.section_id,
        anchor: { start: row.anchor_start, end: row.anchor_end },
        quote: row.quote,
        status: row.status,
        createdBy: row.created_by,
        createdAt: row.created_at,
        resolvedBy: row.resolved_by,
        resolvedAt: row.resolved_at,
        comments: byThread.get(row.id) ?? [],
        proposal: proposals.get(row.id) ?? null,
      }),
    );
  }

  async function insertMentions({ db }: Storage, commentId: string, mentions: string[]) {
    const userIds = [...new Set(mentions)];
    if (userIds.length === 0) return;
    await db
      .insertInto('comment_mentions')
      .values(userIds.map((userId) => ({ comment_id: commentId, user_id: userId })))
      .execute();
  }

  async function insertComment(tx: Storage, threadId: string, authorId: string, body: string, mentions: string[]) {
    const id = randomUUID();
    await tx.db
      .insertInto('comments')
      .values({ id, thread_id: threadId, author_id: authorId, body, created_at: new Date().toISOString() })
      .execute();
    await insertMentions(tx, id, mentions);
  }

  const repository: CommentRepository = {
    async listThreads(caseId) {
      return withComments(
        await storage.db
          .selectFrom('comment_threads')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
      );
    },
    async getThread(threadId) {
      const row = await storage.db
        .selectFrom('comment_threads')
        .selectAll()
        .where('id', '=', threadId)
        .executeTakeFirst();
      return row ? ((await withComments([row]))[0] ?? null) : null;
    },
    async createThread(input) {
      const id = randomUUID();
      await storage.transaction(async (tx) => {
        await tx.db
          .insertInto('comment_threads')
          .values({
            id,
            case_id: input.caseId,
            section_id: input.sectionId,
            anchor_start: input.anchor.start,
            anchor_end: input.anchor.end,
            quote: input.quote,
            status: 'open',
            created_by: input.authorId,
            created_at: new Date().toISOString(),
          })
          .execute();
        if (input.body !== undefined) await insertComment(tx, id, input.authorId, input.body, input.mentions);
        if (input.proposal) await insertProposal(tx, id, input.proposal.replacement);
      });
      return (await repository.getThread(id))!;
    },
    async addComment(threadId, authorId, body, mentions) {
      await storage.transaction((tx) => insertComment(tx, threadId, authorId, body, mentions));
      return (await repository.getThread(threadId))!;
    },
    async findComment(commentId) {
      const row = await storage.db
        .selectFrom('comments')
        .select(['thread_id', 'author_id', 'deleted'])
        .where('id', '=', commentId)
        .executeTakeFirst();
      return row ? { threadId: row.thread_id, authorId: row.author_id, deleted: Number(row.deleted) === 1 } : null;
    },
    async editComment(commentId, body, mentions) {
      await storage.transaction(async (tx) => {
        await tx.db
          .updateTable('comments')
          .set({ body, edited_at: new Date().toISOString() })
          .where('id', '=', commentId)
          .execute();
        await tx.db.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
        await insertMentions(tx, commentId, mentions);
      });
    },
    async deleteComment(commentId) {
      await storage.transaction(async (tx) => {
        await tx.db
          .updateTable('comments')
          .set({ body: '', deleted: 1, edited_at: new Date().toISOString() })
          .where('id', '=', commentId)
          .execute();
        await tx.db.deleteFrom('comment_mentions').where('comment_id', '=', commentId).execute();
      });
    },
    async setStatus(threadId, status, userId) {
      const resolved = status === 'resolved';
      await storage.db
        .updateTable('comment_threads')
        .set({
          status,
          resolved_by: resolved ? userId : null,
          resolved_at: resolved ? new Date().toISOString() : null,
        })
        .where('id', '=', threadId)
        .execute();
    },
    decideProposal(threadId, decision, userId) {
      return decideOpenProposal(storage, threadId, decision, userId);
    },
    releaseAcceptedProposal(threadId, userId) {
      return releaseAcceptedProposal(storage, threadId, userId);
    },
    async mentionsOf(userId) {
      const rows = await storage.db
        .selectFrom('comment_threads as t')
        .innerJoin('comments as c', 'c.thread_id', 't.id')
        .innerJoin('comment_mentions as m', 'm.comment_id', 'c.id')
        .innerJoin('cases as k', 'k.id', 't.case_id')
        .innerJoin('sections as s', (join) =>
          join.onRef('s.case_id', '=', 't.case_id').onRef('s.id', '=', 't.section_id'),
        )
        .selectAll('t')
        .select(['k.number as case_number', 'k.title as case_title', 's.title as section_title'])
        .distinct()
        .where('m.user_id', '=', userId)
        .where('t.status', '=', 'open')
        .orderBy('t.created_at', 'desc')
        .execute();
      const threads = await withComments(rows);
      return threads.map((thread, i) => ({
        thread,
        caseNumber: rows[i]!.case_number,
        caseTitle: rows[i]!.case_title,
        sectionTitle: rows[i]!.section_title,
      }));
    },
  };
  return repository;
}
