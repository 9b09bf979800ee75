import { randomUUID } from 'node:crypto';
import { ApprovalSchema, type ReopenRequest, type SectionVersion, type Side } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';
import type { ConsensusRepository } from './consensus-repository.js';

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

const versionFromRow = (row: VersionRow): SectionVersion => ({
  id: row.id,
  caseId: row.case_id,
  sectionId: row.section_id,
  label: row.label,
  kind: row.kind,
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  createdAt: row.created_at,
  text: row.text,
});

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

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
    async addApproval({ caseId, side, userId, contentHash }) {
      await sql.run('INSERT INTO approvals (id, case_id, side, user_id, content_hash, approved_at) VALUES (?, ?, ?, ?, ?, ?)', [
        randomUUID(),
        caseId,
        side,
        userId,
        contentHash,
        now(),
      ]);
    },
    async voidApprovals(caseId, reason) {
      const result = await sql.run('UPDATE approvals SET voided_at = ?, void_reason = ? WHERE case_id = ? AND voided_at IS NULL', [
        now(),
        reason,
        caseId,
      ]);
      return result.changes;
    },
    async locks(caseId) {
      const rows = await sql.all<{ section_id: string; locked_at: string; content_hash: string }>(
        'SELECT section_id, locked_at, content_hash FROM section_locks WHERE case_id = ? ORDER BY section_id',
        [caseId],
      );
      return rows.map((row) => ({ sectionId: row.section_id, lockedAt: row.locked_at, contentHash: row.content_hash }));
    },
    async isLocked(caseId, sectionId) {
      return (await sql.get('SELECT 1 AS locked FROM section_locks WHERE case_id = ? AND section_id = ?', [caseId, sectionId])) !== undefined;
    },
    async lock(caseId, sections) {
      const lockedAt = now();
      await sql.transaction(async (tx) => {
        for (const section of sections) {
          await tx.run('INSERT INTO section_locks (case_id, section_id, content_hash, sealed_state, locked_at) VALUES (?, ?, ?, ?, ?)', [
            caseId,
            section.sectionId,
            section.contentHash,
            bytes(section.sealedState),
            lockedAt,
          ]);
        }
      });
    },
    async unlockAll(caseId) {
      await sql.run('DELETE FROM section_locks WHERE case_id = ?', [caseId]);
    },
    async oneStepAgreements(caseId) {
      return (await sql.all<{ side: Side }>('SELECT side FROM one_step_agreements WHERE case_id = ?', [caseId])).map((row) => row.side);
    },
    async agreeOneStep(caseId, side, userId) {
      await sql.run(
        `INSERT INTO one_step_agreements (case_id, side, user_id, agreed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (case_id, side) DO NOTHING`,
        [caseId, side, userId, now()],
      );
    },
    async reopenRequests(caseId) {
      const rows = await sql.all<{
        id: string;
        case_id: string;
        side: Side;
        requested_by: string;
        requested_by_name: string;
        reason: string;
        requested_at: string;
        confirmed_by: string | null;
        confirmed_by_name: string | null;
        confirmed_at: string | null;
      }>(
        `SELECT r.*, a.name AS requested_by_name, b.name AS confirmed_by_name
         FROM reopen_requests r JOIN users a ON a.id = r.requested_by LEFT JOIN users b ON b.id = r.confirmed_by
         WHERE r.case_id = ? ORDER BY r.requested_at`,
        [caseId],
      );
      return rows.map(
        (row): ReopenRequest => ({
          id: row.id,
          caseId: row.case_id,
          side: row.side,
          requestedBy: row.requested_by,
          requestedByName: row.requested_by_name,
          reason: row.reason,
          requestedAt: row.requested_at,
          confirmedBy: row.confirmed_by,
          confirmedByName: row.confirmed_by_name,
          confirmedAt: row.confirmed_at,
        }),
      );
    },
    async requestReopen({ caseId, side, userId, reason }) {
      await sql.run('INSERT INTO reopen_requests (id, case_id, side, requested_by, reason, requested_at) VALUES (?, ?, ?, ?, ?, ?)', [
        randomUUID(),
        caseId,
        side,
        userId,
        reason,
        now(),
      ]);
    },
    async confirmReopen(requestId, userId) {
      await sql.run('UPDATE reopen_requests SET confirmed_by = ?, confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL', [userId, now(), requestId]);
    },
    async versions(caseId, sectionId) {
      const rows = await sql.all<VersionRow>(
        `SELECT v.id, v.case_id, v.section_id, v.label, v.kind, v.created_by, u.name AS created_by_name, v.created_at, v.text
         FROM section_versions v LEFT JOIN users u ON u.id = v.created_by
         WHERE v.case_id = ? AND v.section_id = ? ORDER BY v.created_at DESC, v.id`,
        [caseId, sectionId],
      );
      return rows.map(versionFromRow);
    },
    async version(versionId) {
      const row = await sql.get<VersionRow>(
        `SELECT v.*, u.name AS created_by_name FROM section_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.id = ?`,
        [versionId],
      );
      return row ? { ...versionFromRow(row), state: new Uint8Array(row.state!) } : null;
    },
    async addVersion(input) {
      const id = randomUUID();
      const createdAt = now();
      await sql.run(
        'INSERT INTO section_versions (id, case_id, section_id, label, kind, created_by, created_at, state, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, input.caseId, input.sectionId, input.label, input.kind, input.createdBy, createdAt, bytes(input.state), input.text],
      );
      return (await repository.versions(input.caseId, input.sectionId)).find((v) => v.id === id)!;
    },
  };
  return repository;
}
