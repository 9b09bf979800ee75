import { randomUUID } from 'node:crypto';
import { CommentThreadSchema, type Comment, type CommentThread } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';
import type { CommentRepository } from './comment-repository.js';
import { decideOpenProposal, insertProposal, proposalsOf, releaseAcceptedProposal } from './proposal-rows.js';

interface ThreadRow {
  id: string;
  case_id: string;
  section_id: string;
  anchor_start: string;
  anchor_end: string;
  quote: string;
  status: string;
  created_by: string;
  created_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
}

interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted: number | string;
  mentions: string | null;
}

const COMMENTS_OF_THREADS = (placeholders: string) => `
  SELECT c.id, c.thread_id, c.author_id, u.name AS author_name, c.body, c.created_at, c.edited_at, c.deleted,
    (SELECT string_agg(m.user_id, ',') FROM comment_mentions m WHERE m.comment_id = c.id) AS mentions
  FROM comments c JOIN users u ON u.id = c.author_id
  WHERE c.thread_id IN (${placeholders})
  ORDER BY c.created_at, c.id`;

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

export function createSqlCommentRepository(sql: SqlClient): CommentRepository {
  // string_agg is PostgreSQL's; SQLite spells it group_concat (and also accepts string_agg
  // since 3.44). Choose per dialect so older SQLite builds work too.
  const commentsQuery = (placeholders: string) =>
    sql.dialect === 'sqlite'
      ? COMMENTS_OF_THREADS(placeholders).replace('string_agg', 'group_concat')
      : COMMENTS_OF_THREADS(placeholders);

  async function withComments(rows: ThreadRow[]): Promise<CommentThread[]> {
    if (rows.length === 0) return [];
    const comments = await sql.all<CommentRow>(
      commentsQuery(rows.map(() => '?').join(', ')),
      rows.map((r) => r.id),
    );
    const proposals = await proposalsOf(
      sql,
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

  async function insertComment(tx: SqlClient, threadId: string, authorId: string, body: string, mentions: string[]) {
    const id = randomUUID();
    await tx.run('INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      threadId,
      authorId,
      body,
      new Date().toISOString(),
    ]);
    for (const userId of new Set(mentions)) {
      await tx.run('INSERT INTO comment_mentions (comment_id, user_id) VALUES (?, ?)', [id, userId]);
    }
  }

  const repository: CommentRepository = {
    async listThreads(caseId) {
      return withComments(
        await sql.all<ThreadRow>('SELECT * FROM comment_threads WHERE case_id = ? ORDER BY created_at, id', [caseId]),
      );
    },
    async getThread(threadId) {
      const row = await sql.get<ThreadRow>('SELECT * FROM comment_threads WHERE id = ?', [threadId]);
      return row ? ((await withComments([row]))[0] ?? null) : null;
    },
    async createThread(input) {
      const id = randomUUID();
      await sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO comment_threads (id, case_id, section_id, anchor_start, anchor_end, quote, status, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
          [
            id,
            input.caseId,
            input.sectionId,
            input.anchor.start,
            input.anchor.end,
            input.quote,
            input.authorId,
            new Date().toISOString(),
          ],
        );
        if (input.body !== undefined) await insertComment(tx, id, input.authorId, input.body, input.mentions);
        if (input.proposal) await insertProposal(tx, id, input.proposal.replacement);
      });
      return (await repository.getThread(id))!;
    },
    async addComment(threadId, authorId, body, mentions) {
      await sql.transaction((tx) => insertComment(tx, threadId, authorId, body, mentions));
      return (await repository.getThread(threadId))!;
    },
    async findComment(commentId) {
      const row = await sql.get<{ thread_id: string; author_id: string; deleted: number | string }>(
        'SELECT thread_id, author_id, deleted FROM comments WHERE id = ?',
        [commentId],
      );
      return row ? { threadId: row.thread_id, authorId: row.author_id, deleted: Number(row.deleted) === 1 } : null;
    },
    async editComment(commentId, body, mentions) {
      await sql.transaction(async (tx) => {
        await tx.run('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?', [
          body,
          new Date().toISOString(),
          commentId,
        ]);
        await tx.run('DELETE FROM comment_mentions WHERE comment_id = ?', [commentId]);
        for (const userId of new Set(mentions)) {
          await tx.run('INSERT INTO comment_mentions (comment_id, user_id) VALUES (?, ?)', [commentId, userId]);
        }
      });
    },
    async deleteComment(commentId) {
      await sql.transaction(async (tx) => {
        await tx.run("UPDATE comments SET body = '', deleted = 1, edited_at = ? WHERE id = ?", [
          new Date().toISOString(),
          commentId,
        ]);
        await tx.run('DELETE FROM comment_mentions WHERE comment_id = ?', [commentId]);
      });
    },
    async setStatus(threadId, status, userId) {
      const resolved = status === 'resolved';
      await sql.run('UPDATE comment_threads SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?', [
        status,
        resolved ? userId : null,
        resolved ? new Date().toISOString() : null,
        threadId,
      ]);
    },
    decideProposal(threadId, decision, userId) {
      return decideOpenProposal(sql, threadId, decision, userId);
    },
    releaseAcceptedProposal(threadId, userId) {
      return releaseAcceptedProposal(sql, threadId, userId);
    },
    async mentionsOf(userId) {
      const rows = await sql.all<ThreadRow & { case_number: string; case_title: string; section_title: string }>(
        `SELECT DISTINCT t.*, k.number AS case_number, k.title AS case_title, s.title AS section_title
         FROM comment_threads t
         JOIN comments c ON c.thread_id = t.id
         JOIN comment_mentions m ON m.comment_id = c.id
         JOIN cases k ON k.id = t.case_id
         JOIN sections s ON s.case_id = t.case_id AND s.id = t.section_id
         WHERE m.user_id = ? AND t.status = 'open'
         ORDER BY t.created_at DESC`,
        [userId],
      );
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
