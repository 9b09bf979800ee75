import type { Side } from '@samraad/schema';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { caseFromRow, sectionFromRow } from '../cases/sql-case-repository.js';
import type { Storage } from '../db/storage.js';
import type { ConsensusFacts } from './consensus-repository.js';
import { approvalFromRow, voidFromRow, type ApprovalRow, type VoidRow } from './consensus-rows.js';
import { sideRequestFromRow, type SideRequestRow } from './side-request-rows.js';

/**
 * A nested list as a JSON array column: each database has its own JSON functions. The rows
 * keep the subquery's order. PostgreSQL's driver parses JSON; SQLite gives its text.
 */
function jsonRows(storage: Storage) {
  return storage.dialect === 'postgres' ? postgresJsonArrayFrom : sqliteJsonArrayFrom;
}

const parsed = <T>(value: T[] | string): T[] => (typeof value === 'string' ? (JSON.parse(value) as T[]) : value);

/**
 * A case and everything its consensus state is made of (sections, approvals, locks, one-step
 * agreements, reopen requests, the last void, the community's approval rule), in one
 * statement: the final approval reads it once before it takes the rooms and once inside its
 * transaction, and answers with it.
 */
export async function readConsensusFacts(storage: Storage, caseId: string): Promise<ConsensusFacts | null> {
  const json = jsonRows(storage);
  const row = await storage.db
    .selectFrom('cases as c')
    .selectAll('c')
    .select((eb) => [
      json(
        eb
          .selectFrom('sections as s')
          .select(['s.id', 's.case_id', 's.kind', 's.title', 's.owner', 's.position'])
          .whereRef('s.case_id', '=', 'c.id')
          .orderBy('s.position')
          .orderBy('s.id'),
      ).as('sections'),
      json(
        eb
          .selectFrom('approvals as a')
          .innerJoin('users as u', 'u.id', 'a.user_id')
          .select([
            'a.id',
            'a.case_id',
            'a.side',
            'a.user_id',
            'u.name as user_name',
            'a.content_hash',
            'a.approved_at',
            'a.voided_at',
            'a.void_reason',
          ])
          .whereRef('a.case_id', '=', 'c.id')
          .orderBy('a.approved_at')
          .orderBy('a.id'),
      ).as('approvals'),
      json(
        eb
          .selectFrom('section_locks as l')
          .select(['l.section_id', 'l.locked_at', 'l.content_hash'])
          .whereRef('l.case_id', '=', 'c.id')
          .orderBy('l.section_id'),
      ).as('locks'),
      json(
        eb
          .selectFrom('one_step_agreements as o')
          .select('o.side')
          .whereRef('o.case_id', '=', 'c.id')
          .where('o.withdrawn_at', 'is', null),
      ).as('one_step'),
      json(
        eb
          .selectFrom('reopen_requests as r')
          .innerJoin('users as ra', 'ra.id', 'r.requested_by')
          .leftJoin('users as rb', 'rb.id', 'r.confirmed_by')
          .select([
            'r.id',
            'r.case_id',
            'r.side',
            'r.requested_by',
            'ra.name as requested_by_name',
            'r.reason',
            'r.requested_at',
            'r.confirmed_by',
            'rb.name as confirmed_by_name',
            'r.confirmed_at',
          ])
          .whereRef('r.case_id', '=', 'c.id')
          .orderBy('r.requested_at'),
      ).as('reopen_requests'),
      json(
        eb
          .selectFrom('approval_voids as v')
          .leftJoin('users as vu', 'vu.id', 'v.changed_by')
          .select([
            'v.id',
            'v.case_id',
            'v.reason',
            'v.voided_at',
            'v.changed_by',
            'vu.name as changed_by_name',
            'v.approved_hash',
            'v.current_hash',
            'v.approved_text',
            'v.current_text',
          ])
          .whereRef('v.case_id', '=', 'c.id')
          .orderBy('v.voided_at', 'desc')
          .orderBy('v.id')
          .limit(1),
      ).as('last_void'),
      eb
        .selectFrom('consensus_settings as cs')
        .select('cs.approval_policy')
        .whereRef('cs.community_id', '=', 'c.community_id')
        .as('approval_policy'),
      json(
        eb
          .selectFrom('consensus_approvers as ap')
          .innerJoin('users as apu', 'apu.id', 'ap.user_id')
          .select(['ap.side', 'ap.user_id as userId', 'apu.name as userName'])
          .whereRef('ap.community_id', '=', 'c.community_id')
          .orderBy('ap.side')
          .orderBy('apu.name'),
      ).as('approvers'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  const found = caseFromRow(row);
  return {
    found,
    sections: parsed(row.sections).map(sectionFromRow),
    approvals: parsed<ApprovalRow>(row.approvals).map(approvalFromRow),
    locks: parsed(row.locks).map((lock) => ({
      sectionId: lock.section_id,
      lockedAt: lock.locked_at,
      contentHash: lock.content_hash,
    })),
    oneStep: parsed(row.one_step).map((agreement) => agreement.side as Side),
    reopenRequests: parsed(row.reopen_requests).map((request) => sideRequestFromRow(request as SideRequestRow)),
    lastVoid: parsed<VoidRow>(row.last_void).map(voidFromRow)[0] ?? null,
    settings: {
      communityId: found.communityId,
      policy: row.approval_policy ?? 'any-member',
      approvers: parsed(row.approvers).map((approver) => ({ ...approver, side: approver.side as Side })),
    },
  };
}
