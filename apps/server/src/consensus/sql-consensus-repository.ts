import { randomUUID } from 'node:crypto';
import type { SectionVersion, Side } from '@samraad/schema';
import type { Storage } from '../db/storage.js';
import { roomSeal, sectionSeal } from '../publication/section-seal.js';
import type { ConsensusRepository } from './consensus-repository.js';
import { approvalFromRow, voidFromRow } from './consensus-rows.js';
import { readConsensusFacts } from './sql-consensus-facts.js';
import { sideRequestFromRow, type SideRequestRow } from './side-request-rows.js';

interface VersionRow {
  id: string;
  case_id: string;
  section_id: string;
  label: string;
  kind: 'auto' | 'named';
  created_by: string | null;
  created_by_name: string | null;
  created_at: string;
  text: string;
}

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

type VersionAuthors = Map<string, SectionVersion['authors']>;

const versionFromRow = (row: VersionRow, authors: VersionAuthors = new Map()): SectionVersion => ({
  id: row.id,
  caseId: row.case_id,
  sectionId: row.section_id,
  label: row.label,
  kind: row.kind,
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  createdAt: row.created_at,
  text: row.text,
  authors: authors.get(row.id) ?? [],
});

/** The session authors of the given versions, by version. */
async function versionAuthors({ db }: Storage, versionIds: readonly string[]): Promise<VersionAuthors> {
  const authors: VersionAuthors = new Map();
  if (versionIds.length === 0) return authors;
  const rows = await db
    .selectFrom('section_version_authors as va')
    .innerJoin('users as u', 'u.id', 'va.user_id')
    .select(['va.version_id', 'va.user_id', 'u.name'])
    .where('va.version_id', 'in', versionIds)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  for (const row of rows) {
    const list = authors.get(row.version_id) ?? [];
    list.push({ userId: row.user_id, name: row.name });
    authors.set(row.version_id, list);
  }
  return authors;
}

export type NewVersion = Parameters<ConsensusRepository['addVersion']>[0];

/**
 * Writes version rows (and their session authors) in one INSERT each, through any client: the
 * consensus repository uses it, and so does section creation, inside its own transaction.
 */
export async function insertVersions(
  storage: Storage,
  inputs: readonly NewVersion[],
): Promise<Array<{ id: string; createdAt: string }>> {
  if (inputs.length === 0) return [];
  // Versions written together keep their order in the history (newest first, by time): each
  // is stamped a millisecond after the one before it.
  const at = Date.now();
  const written = inputs.map((_, index) => ({ id: randomUUID(), createdAt: new Date(at + index).toISOString() }));
  await storage.db
    .insertInto('section_versions')
    .values(
      inputs.map((input, index) => ({
        id: written[index]!.id,
        case_id: input.caseId,
        section_id: input.sectionId,
        label: input.label,
        kind: input.kind,
        created_by: input.createdBy,
        created_at: written[index]!.createdAt,
        state: bytes(input.state),
        text: input.text,
      })),
    )
    .execute();
  const authors = inputs.flatMap((input, index) =>
    [...new Set(input.authors ?? [])].map((userId) => ({ version_id: written[index]!.id, user_id: userId })),
  );
  if (authors.length > 0) await storage.db.insertInto('section_version_authors').values(authors).execute();
  return written;
}

export async function insertVersion(storage: Storage, input: NewVersion): Promise<{ id: string; createdAt: string }> {
  return (await insertVersions(storage, [input]))[0]!;
}

/**
 * Whether a section room's text is sealed, by a consensus lock or by the case's publication,
 * read with the given client so it can run inside an append's transaction (see
 * DocumentStoreOptions.isSealed).
 */
export async function isRoomSealed(sql: Storage, room: string): Promise<boolean> {
  return (await roomSeal(sql, room)) !== null;
}

export function createSqlConsensusRepository(sql: Storage): ConsensusRepository {
  const { db } = sql;
  const now = () => new Date().toISOString();
  const repository: ConsensusRepository = {
    facts(caseId) {
      return readConsensusFacts(sql, caseId);
    },
    async approvals(caseId) {
      const rows = await db
        .selectFrom('approvals as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .selectAll('a')
        .select('u.name as user_name')
        .where('a.case_id', '=', caseId)
        .orderBy('a.approved_at')
        .orderBy('a.id')
        .execute();
      return rows.map(approvalFromRow);
    },
    async addApproval({ caseId, side, userId, contentHash, contentText }) {
      const written = { id: randomUUID(), approvedAt: now() };
      await db
        .insertInto('approvals')
        .values({
          id: written.id,
          case_id: caseId,
          side,
          user_id: userId,
          content_hash: contentHash,
          approved_at: written.approvedAt,
          content_text: contentText,
        })
        .execute();
      return written;
    },
    async voidApprovals(caseId, reason, details) {
      return sql.transaction(async ({ db: tx }) => {
        const latest = await tx
          .selectFrom('approvals')
          .select(['content_hash', 'content_text'])
          .where('case_id', '=', caseId)
          .where('voided_at', 'is', null)
          .orderBy('approved_at', 'desc')
          .orderBy('id')
          .executeTakeFirst();
        if (!latest) return 0;
        const voidedAt = now();
        const result = await tx
          .updateTable('approvals')
          .set({ voided_at: voidedAt, void_reason: reason })
          .where('case_id', '=', caseId)
          .where('voided_at', 'is', null)
          .executeTakeFirst();
        await tx
          .insertInto('approval_voids')
          .values({
            id: randomUUID(),
            case_id: caseId,
            reason,
            voided_at: voidedAt,
            changed_by: details?.changedBy ?? null,
            approved_hash: latest.content_hash,
            current_hash: details?.currentHash ?? null,
            approved_text: latest.content_text,
            current_text: details?.currentText ?? null,
          })
          .execute();
        return Number(result.numUpdatedRows);
      });
    },
    async lastVoid(caseId) {
      const row = await db
        .selectFrom('approval_voids as v')
        .leftJoin('users as u', 'u.id', 'v.changed_by')
        .selectAll('v')
        .select('u.name as changed_by_name')
        .where('v.case_id', '=', caseId)
        .orderBy('v.voided_at', 'desc')
        .orderBy('v.id')
        .limit(1)
        .executeTakeFirst();
      return row ? voidFromRow(row) : null;
    },
    async locks(caseId) {
      const rows = await db
        .selectFrom('section_locks')
        .select(['section_id', 'locked_at', 'content_hash'])
        .where('case_id', '=', caseId)
        .orderBy('section_id')
        .execute();
      return rows.map((row) => ({ sectionId: row.section_id, lockedAt: row.locked_at, contentHash: row.content_hash }));
    },
    seal(caseId, sectionId) {
      return sectionSeal(sql, caseId, sectionId);
    },
    async lock(caseId, sections) {
      if (sections.length === 0) return [];
      const lockedAt = now();
      await db
        .insertInto('section_locks')
        .values(
          sections.map((section) => ({
            case_id: caseId,
            section_id: section.sectionId,
            content_hash: section.contentHash,
            sealed_state: bytes(section.sealedState),
            locked_at: lockedAt,
          })),
        )
        .execute();
      return sections.map((section) => ({ sectionId: section.sectionId, lockedAt, contentHash: section.contentHash }));
    },
    async unlockAll(caseId) {
      await db.deleteFrom('section_locks').where('case_id', '=', caseId).execute();
    },
    async sealedState(caseId, sectionId) {
      const row = await db
        .selectFrom('section_locks')
        .select('sealed_state')
        .where('case_id', '=', caseId)
        .where('section_id', '=', sectionId)
        .executeTakeFirst();
      return row ? new Uint8Array(row.sealed_state) : null;
    },
    async oneStepAgreements(caseId) {
      const rows = await db
        .selectFrom('one_step_agreements')
        .select('side')
        .where('case_id', '=', caseId)
        .where('withdrawn_at', 'is', null)
        .execute();
      return rows.map((row) => row.side as Side);
    },
    async agreeOneStep(caseId, side, userId) {
      // A standing agreement stays as it was; a withdrawn one is given anew.
      await db
        .insertInto('one_step_agreements')
        .values({ case_id: caseId, side, user_id: userId, agreed_at: now() })
        .onConflict((oc) =>
          oc
            .columns(['case_id', 'side'])
            .doUpdateSet((eb) => ({
              user_id: eb.ref('excluded.user_id'),
              agreed_at: eb.ref('excluded.agreed_at'),
              withdrawn_at: null,
              withdrawn_by: null,
            }))
            .where('one_step_agreements.withdrawn_at', 'is not', null),
        )
        .execute();
    },
    async withdrawOneStep(caseId, side, userId) {
      const result = await db
        .updateTable('one_step_agreements')
        .set({ withdrawn_at: now(), withdrawn_by: userId })
        .where('case_id', '=', caseId)
        .where('side', '=', side)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async reopenRequests(caseId) {
      const rows = await db
        .selectFrom('reopen_requests as r')
        .innerJoin('users as a', 'a.id', 'r.requested_by')
        .leftJoin('users as b', 'b.id', 'r.confirmed_by')
        .selectAll('r')
        .select(['a.name as requested_by_name', 'b.name as confirmed_by_name'])
        .where('r.case_id', '=', caseId)
        .orderBy('r.requested_at')
        .execute();
      return rows.map((row) => sideRequestFromRow(row as SideRequestRow));
    },
    async requestReopen({ caseId, side, userId, reason }) {
      await db
        .insertInto('reopen_requests')
        .values({ id: randomUUID(), case_id: caseId, side, requested_by: userId, reason, requested_at: now() })
        .execute();
    },
    async confirmReopen(requestId, userId) {
      const result = await db
        .updateTable('reopen_requests')
        .set({ confirmed_by: userId, confirmed_at: now() })
        .where('id', '=', requestId)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async lastEditor(caseId, sectionId) {
      const row = await db
        .selectFrom('audit_log')
        .select('user_id')
        .where('case_id', '=', caseId)
        .where('section_id', '=', sectionId)
        .where('action', '=', 'update')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && row.user_id !== 'system' ? row.user_id : null;
    },
    async authorsBetween(caseId, sectionId, from, to) {
      return db
        .selectFrom('audit_log as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.user_id as userId', 'u.name as name'])
        .distinct()
        .where('a.case_id', '=', caseId)
        .where('a.section_id', '=', sectionId)
        .where('a.action', '=', 'update')
        .where('a.at', '>', from)
        .where('a.at', '<=', to)
        .orderBy('u.name')
        .execute();
    },
    async settings(communityId) {
      const row = await db
        .selectFrom('consensus_settings')
        .select('approval_policy')
        .where('community_id', '=', communityId)
        .executeTakeFirst();
      const approvers = await db
        .selectFrom('consensus_approvers as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .select(['a.side', 'a.user_id as userId', 'u.name as userName'])
        .where('a.community_id', '=', communityId)
        .orderBy('a.side')
        .orderBy('u.name')
        .execute();
      return {
        communityId,
        policy: row?.approval_policy ?? 'any-member',
        approvers: approvers.map((a) => ({ ...a, side: a.side as Side })),
      };
    },
    async saveSettings({ communityId, policy, approvers }) {
      await sql.transaction(async ({ db: tx }) => {
        await tx
          .insertInto('consensus_settings')
          .values({ community_id: communityId, approval_policy: policy })
          .onConflict((oc) =>
            oc.column('community_id').doUpdateSet((eb) => ({ approval_policy: eb.ref('excluded.approval_policy') })),
          )
          .execute();
        await tx.deleteFrom('consensus_approvers').where('community_id', '=', communityId).execute();
        if (approvers.length > 0)
          await tx
            .insertInto('consensus_approvers')
            .values(approvers.map((a) => ({ community_id: communityId, side: a.side, user_id: a.userId })))
            .onConflict((oc) => oc.columns(['community_id', 'user_id']).doNothing())
            .execute();
      });
    },
    async versions(caseId, sectionId) {
      const rows = await db
        .selectFrom('section_versions as v')
        .leftJoin('users as u', 'u.id', 'v.created_by')
        .select([
          'v.id',
          'v.case_id',
          'v.section_id',
          'v.label',
          'v.kind',
          'v.created_by',
          'u.name as created_by_name',
          'v.created_at',
          'v.text',
        ])
        .where('v.case_id', '=', caseId)
        .where('v.section_id', '=', sectionId)
        .orderBy('v.created_at', 'desc')
        .orderBy('v.id')
        .execute();
      const authors = await versionAuthors(
        sql,
        rows.map((row) => row.id),
      );
      return rows.map((row) => versionFromRow(row, authors));
    },
    async version(versionId) {
      const row = await db
        .selectFrom('section_versions as v')
        .leftJoin('users as u', 'u.id', 'v.created_by')
        .selectAll('v')
        .select('u.name as created_by_name')
        .where('v.id', '=', versionId)
        .executeTakeFirst();
      if (!row) return null;
      const authors = await versionAuthors(sql, [versionId]);
      return { ...versionFromRow(row, authors), state: new Uint8Array(row.state) };
    },
    async addVersion(input) {
      return (await repository.addVersions([input]))[0]!;
    },
    async addVersions(inputs) {
      const written = await insertVersions(sql, inputs);
      const versions = inputs.map((input, index): SectionVersion => ({
        id: written[index]!.id,
        caseId: input.caseId,
        sectionId: input.sectionId,
        label: input.label,
        kind: input.kind,
        createdBy: input.createdBy,
        createdByName: null,
        createdAt: written[index]!.createdAt,
        text: input.text,
        authors: [],
      }));
      // Only names need reading back; a version made by the system has none.
      const named = versions.filter((v, index) => v.createdBy !== null || (inputs[index]!.authors?.length ?? 0) > 0);
      if (named.length === 0) return versions;
      const ids = named.map((v) => v.id);
      const people = await db
        .selectFrom('section_versions as v')
        .innerJoin('users as u', 'u.id', 'v.created_by')
        .select(['v.id', 'u.name'])
        .where('v.id', 'in', ids)
        .execute();
      const authors = await versionAuthors(sql, ids);
      return versions.map((v) => ({
        ...v,
        createdByName: people.find((p) => p.id === v.id)?.name ?? null,
        authors: authors.get(v.id) ?? [],
      }));
    },
  };
  return repository;
}
