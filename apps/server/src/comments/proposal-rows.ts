import type { Proposal } from '@samraad/schema';
import type { Storage } from '../db/storage.js';

/**
 * The proposal part of comment threads (table comment_proposals), in Kysely's typed builder.
 * Kept beside the thread queries so a thread is always read with its proposal, whichever
 * route reads it (list, stream, mentions).
 */
export async function proposalsOf(storage: Storage, threadIds: readonly string[]): Promise<Map<string, Proposal>> {
  if (threadIds.length === 0) return new Map();
  const rows = await storage.db
    .selectFrom('comment_proposals as p')
    .innerJoin('comment_threads as t', 't.id', 'p.thread_id')
    .innerJoin('users as proposer', 'proposer.id', 't.created_by')
    .leftJoin('users as decider', 'decider.id', 'p.decided_by')
    .select([
      'p.thread_id',
      'p.replacement',
      'p.status',
      'p.decided_by',
      'p.decided_at',
      'proposer.name as proposed_by_name',
      'decider.name as decided_by_name',
    ])
    .where('p.thread_id', 'in', threadIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.thread_id,
      {
        replacement: row.replacement,
        proposedByName: row.proposed_by_name,
        status: row.status,
        decidedBy: row.decided_by,
        decidedByName: row.decided_by_name,
        decidedAt: row.decided_at,
      },
    ]),
  );
}

export async function insertProposal(storage: Storage, threadId: string, replacement: string): Promise<void> {
  await storage.db
    .insertInto('comment_proposals')
    .values({ thread_id: threadId, replacement, status: 'open', decided_by: null, decided_at: null })
    .execute();
}

/**
 * Decides an open proposal and resolves its thread, in one transaction. The status condition
 * makes the decision once: of two people deciding at the same moment, one finds it decided.
 */
export function decideOpenProposal(
  storage: Storage,
  threadId: string,
  decision: 'accepted' | 'rejected',
  userId: string,
): Promise<boolean> {
  return storage.transaction(async (tx) => {
    const at = new Date().toISOString();
    const decided = await tx.db
      .updateTable('comment_proposals')
      .set({ status: decision, decided_by: userId, decided_at: at })
      .where('thread_id', '=', threadId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) === 0) return false;
    await tx.db
      .updateTable('comment_threads')
      .set({ status: 'resolved', resolved_by: userId, resolved_at: at })
      .where('id', '=', threadId)
      .execute();
    return true;
  });
}

/**
 * Takes back an acceptance whose change could not be made (the text was sealed on another
 * instance as it was stored): the proposal and its thread are open again, as they were.
 */
export function releaseAcceptedProposal(storage: Storage, threadId: string, userId: string): Promise<void> {
  return storage.transaction(async (tx) => {
    const released = await tx.db
      .updateTable('comment_proposals')
      .set({ status: 'open', decided_by: null, decided_at: null })
      .where('thread_id', '=', threadId)
      .where('status', '=', 'accepted')
      .where('decided_by', '=', userId)
      .executeTakeFirst();
    if (Number(released.numUpdatedRows) === 0) return;
    await tx.db
      .updateTable('comment_threads')
      .set({ status: 'open', resolved_by: null, resolved_at: null })
      .where('id', '=', threadId)
      .execute();
  });
}
