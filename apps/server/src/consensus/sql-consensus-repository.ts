import { randomUUID } from 'node:crypto';
import { ApprovalSchema, diffWords, type ApprovalVoid, type SectionVersion, type Side } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';
import type { Storage } from '../db/storage.js';
import { roomSeal, sectionSeal } from '../publication/section-seal.js';
import type { ConsensusRepository } from './consensus-repository.js';
import { selectSideRequests, sideRequestFromRow, type SideRequestRow } from './side-request-rows.js';

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
  state?: Buffer;
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

/** The session authors of the versions `where` selects (over section_versions v), by version. */
async function versionAuthors(sql: SqlClient, where: string, params: unknown[]): Promise<VersionAuthors> {
  const rows = await sql.all<{ version_id: string; user_id: string; name: string }>(
    `SELECT va.version_id, va.user_id, u.name FROM section_version_authors va JOIN users u ON u.id = va.user_id
     WHERE va.version_id IN (SELECT v.id FROM section_versions v WHERE ${where}) ORDER BY u.name, u.id`,
    params,
  );
  const authors: VersionAuthors = new Map();
  for (const row of rows) {
    const list = authors.get(row.version_id) ?? [];
    list.push({ userId: row.user_id, name: row.name });
    authors.set(row.version_id, list);
  }
  return authors;
}

export type NewVersion = Parameters<ConsensusRepository['addVersion']>[0];

/**
 * Writes a version row (and its session authors), through any client: the consensus
 * repository uses it, and so does section creation, inside its own transaction.
 */
export async function insertVersion(storage: Storage, input: NewVersion): Promise<{ id: string; createdAt: string }> {
  const id = randomUUID();
  const createdAt = new Date().toISOString();
  await storage.db
    .insertInto('section_versions')
    .values({
      id,
      case_id: input.caseId,
      section_id: input.sectionId,
      label: input.label,
      kind: input.kind,
      created_by: input.createdBy,
      created_at: createdAt,
      state: bytes(input.state),
      text: input.text,
    })
    .execute();
  const authors = [...new Set(input.authors ?? [])];
  if (authors.length > 0)
    await storage.db
      .insertInto('section_version_authors')
      .values(authors.map((userId) => ({ version_id: id, user_id: userId })))
      .execute();
  return { id, createdAt };
}

/**
 * Whether a section room's text is sealed, by a consensus lock or by the case's publication,
 * read with the given client so it can run inside an append's transaction (see
 * DocumentStoreOptions.isSealed).
 */
export async function isRoomSealed(sql: SqlClient, room: string): Promise<boolean> {
  return (await roomSeal(sql, room)) !== null;
}

export function createSqlConsensusRepository(sql: SqlClient): ConsensusRepository {
  const now = () => new Date().toISOString();
  const repository: ConsensusRepository = {
    async approvals(caseId) {
      const rows = await sql.all<{
        id: string;
        case_id: string;
        side: string;
        user_id: string;
        user_name: string;
        content_hash: string;
        approved_at: string;
        voided_at: string | null;
        void_reason: string | null;
      }>(
        `SELECT a.*, u.name AS user_name FROM approvals a JOIN users u ON u.id = a.user_id
         WHERE a.case_id = ? ORDER BY a.approved_at, a.id`,
        [caseId],
      );
      return rows.map((row) =>
        ApprovalSchema.parse({
          id: row.id,
          caseId: row.case_id,
          side: row.side,
          userId: row.user_id,
          userName: row.user_name,
          contentHash: row.content_hash,
          approvedAt: row.approved_at,
          voidedAt: row.voided_at,
          voidReason: row.void_reason,
        }),
      );
    },
    async addApproval({ caseId, side, userId, contentHash, contentText }) {
      await sql.run(
        'INSERT INTO approvals (id, case_id, side, user_id, content_hash, approved_at, content_text) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [randomUUID(), caseId, side, userId, contentHash, now(), contentText],
      );
    },
    async voidApprovals(caseId, reason, details) {
      return sql.transaction(async (tx) => {
        const active = await tx.all<{ content_hash: string; content_text: string | null }>(
          'SELECT content_hash, content_text FROM approvals WHERE case_id = ? AND voided_at IS NULL ORDER BY approved_at DESC, id',
          [caseId],
        );
        if (active.length === 0) return 0;
        const voidedAt = now();
        const result = await tx.run(
          'UPDATE approvals SET voided_at = ?, void_reason = ? WHERE case_id = ? AND voided_at IS NULL',
          [voidedAt, reason, caseId],
        );
        await tx.run(
          `INSERT INTO approval_voids (id, case_id, reason, voided_at, changed_by, approved_hash, current_hash, approved_text, current_text)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            randomUUID(),
            caseId,
            reason,
            voidedAt,
            details?.changedBy ?? null,
            active[0]!.content_hash,
            details?.currentHash ?? null,
            active[0]!.content_text,
            details?.currentText ?? null,
          ],
        );
        return result.changes;
      });
    },
    async lastVoid(caseId) {
      const row = await sql.get<{
        id: string;
        case_id: string;
        reason: ApprovalVoid['reason'];
        voided_at: string;
        changed_by: string | null;
        changed_by_name: string | null;
        approved_hash: string | null;
        current_hash: string | null;
        approved_text: string | null;
        current_text: string | null;
      }>(
        `SELECT v.*, u.name AS changed_by_name FROM approval_voids v LEFT JOIN users u ON u.id = v.changed_by
         WHERE v.case_id = ? ORDER BY v.voided_at DESC, v.id LIMIT 1`,
        [caseId],
      );
      if (!row) return null;
      return {
        id: row.id,
        caseId: row.case_id,
        reason: row.reason,
        voidedAt: row.voided_at,
        changedBy: row.changed_by,
        changedByName: row.changed_by_name,
        approvedHash: row.approved_hash,
        currentHash: row.current_hash,
        approvedText: row.approved_text,
        currentText: row.current_text,
        diff:
          row.approved_text !== null && row.current_text !== null ? diffWords(row.approved_text, row.current_text) : [],
      };
    },
    async locks(caseId) {
      const rows = await sql.all<{ section_id: string; locked_at: string; content_hash: string }>(
        'SELECT section_id, locked_at, content_hash FROM section_locks WHERE case_id = ? ORDER BY section_id',
        [caseId],
      );
      return rows.map((row) => ({ sectionId: row.section_id, lockedAt: row.locked_at, contentHash: row.content_hash }));
    },
    async isLocked(caseId, sectionId) {
      return (
        (await sql.get('SELECT 1 AS locked FROM section_locks WHERE case_id = ? AND section_id = ?', [
          caseId,
          sectionId,
        ])) !== undefined
      );
    },
    seal(caseId, sectionId) {
      return sectionSeal(sql, caseId, sectionId);
    },
    async lock(caseId, sections) {
      if (sections.length === 0) return;
      const lockedAt = now();
      await sql.db
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
    },
    async unlockAll(caseId) {
      await sql.run('DELETE FROM section_locks WHERE case_id = ?', [caseId]);
    },
    async sealedState(caseId, sectionId) {
      const row = await sql.get<{ sealed_state: Uint8Array }>(
        'SELECT sealed_state FROM section_locks WHERE case_id = ? AND section_id = ?',
        [caseId, sectionId],
      );
      return row ? new Uint8Array(row.sealed_state) : null;
    },
    async oneStepAgreements(caseId) {
      return (
        await sql.all<{ side: Side }>(
          'SELECT side FROM one_step_agreements WHERE case_id = ? AND withdrawn_at IS NULL',
          [caseId],
        )
      ).map((row) => row.side);
    },
    async agreeOneStep(caseId, side, userId) {
      // A standing agreement stays as it was; a withdrawn one is given anew.
      await sql.run(
        `INSERT INTO one_step_agreements (case_id, side, user_id, agreed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id, side) DO UPDATE SET user_id = excluded.user_id, agreed_at = excluded.agreed_at,
           withdrawn_at = NULL, withdrawn_by = NULL
         WHERE one_step_agreements.withdrawn_at IS NOT NULL`,
        [caseId, side, userId, now()],
      );
    },
    async withdrawOneStep(caseId, side, userId) {
      const { changes } = await sql.run(
        'UPDATE one_step_agreements SET withdrawn_at = ?, withdrawn_by = ? WHERE case_id = ? AND side = ? AND withdrawn_at IS NULL',
        [now(), userId, caseId, side],
      );
      return changes > 0;
    },
    async reopenRequests(caseId) {
      const rows = await sql.all<SideRequestRow>(
        `${selectSideRequests('reopen_requests')}
         WHERE r.case_id = ? ORDER BY r.requested_at`,
        [caseId],
      );
      return rows.map(sideRequestFromRow);
    },
    async requestReopen({ caseId, side, userId, reason }) {
      await sql.run(
        'INSERT INTO reopen_requests (id, case_id, side, requested_by, reason, requested_at) VALUES (?, ?, ?, ?, ?, ?)',
        [randomUUID(), caseId, side, userId, reason, now()],
      );
    },
    async confirmReopen(requestId, userId) {
      const result = await sql.run(
        'UPDATE reopen_requests SET confirmed_by = ?, confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL',
        [userId, now(), requestId],
      );
      return result.changes === 1;
    },
    async lastEditor(caseId, sectionId) {
      const row = await sql.get<{ user_id: string }>(
        "SELECT user_id FROM audit_log WHERE case_id = ? AND section_id = ? AND action = 'update' ORDER BY id DESC LIMIT 1",
        [caseId, sectionId],
      );
      return row && row.user_id !== 'system' ? row.user_id : null;
    },
    async authorsBetween(caseId, sectionId, from, to) {
      return sql.all<{ userId: string; name: string }>(
        `SELECT DISTINCT a.user_id AS "userId", u.name AS name FROM audit_log a JOIN users u ON u.id = a.user_id
         WHERE a.case_id = ? AND a.section_id = ? AND a.action = 'update' AND a.at > ? AND a.at <= ?
         ORDER BY u.name`,
        [caseId, sectionId, from, to],
      );
    },
    async settings(communityId) {
      const row = await sql.get<{ approval_policy: 'any-member' | 'named-approver' }>(
        'SELECT approval_policy FROM consensus_settings WHERE community_id = ?',
        [communityId],
      );
      const approvers = await sql.all<{ side: Side; userId: string; userName: string }>(
        `SELECT a.side AS side, a.user_id AS "userId", u.name AS "userName" FROM consensus_approvers a JOIN users u ON u.id = a.user_id
         WHERE a.community_id = ? ORDER BY a.side, u.name`,
        [communityId],
      );
      return { communityId, policy: row?.approval_policy ?? 'any-member', approvers };
    },
    async saveSettings({ communityId, policy, approvers }) {
      await sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO consensus_settings (community_id, approval_policy) VALUES (?, ?)
           ON CONFLICT (community_id) DO UPDATE SET approval_policy = excluded.approval_policy`,
          [communityId, policy],
        );
        await tx.run('DELETE FROM consensus_approvers WHERE community_id = ?', [communityId]);
        for (const approver of approvers) {
          await tx.run(
            'INSERT INTO consensus_approvers (community_id, side, user_id) VALUES (?, ?, ?) ON CONFLICT (community_id, user_id) DO NOTHING',
            [communityId, approver.side, approver.userId],
          );
        }
      });
    },
    async versions(caseId, sectionId) {
      const rows = await sql.all<VersionRow>(
        `SELECT v.id, v.case_id, v.section_id, v.label, v.kind, v.created_by, u.name AS created_by_name, v.created_at, v.text
         FROM section_versions v LEFT JOIN users u ON u.id = v.created_by
         WHERE v.case_id = ? AND v.section_id = ? ORDER BY v.created_at DESC, v.id`,
        [caseId, sectionId],
      );
      const authors = await versionAuthors(sql, 'v.case_id = ? AND v.section_id = ?', [caseId, sectionId]);
      return rows.map((row) => versionFromRow(row, authors));
    },
    async version(versionId) {
      const row = await sql.get<VersionRow>(
        `SELECT v.*, u.name AS created_by_name FROM section_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.id = ?`,
        [versionId],
      );
      if (!row) return null;
      const authors = await versionAuthors(sql, 'v.id = ?', [versionId]);
      return { ...versionFromRow(row, authors), state: new Uint8Array(row.state!) };
    },
    async addVersion(input) {
      const { id, createdAt } = await insertVersion(sql, input);
      // Only names need reading back; a version made by the system has none.
      if (input.createdBy !== null || (input.authors?.length ?? 0) > 0)
        return (await repository.versions(input.caseId, input.sectionId)).find((v) => v.id === id)!;
      return {
        id,
        caseId: input.caseId,
        sectionId: input.sectionId,
        label: input.label,
        kind: input.kind,
        createdBy: null,
        createdByName: null,
        createdAt,
        text: input.text,
        authors: [],
      };
    },
  };
  return repository;
}
