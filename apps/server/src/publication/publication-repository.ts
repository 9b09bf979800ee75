import { randomUUID } from 'node:crypto';
import {
  CaseSchema,
  type Case,
  type CorrectionRequest,
  type FrozenHeader,
  type Publication,
  type Section,
  type Side,
} from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';
import { selectSideRequests, sideRequestFromRow, type SideRequestRow } from '../consensus/side-request-rows.js';

/** One section as a publication froze it: its outline, the hash of its text, and its state. */
export interface FrozenSectionState {
  section: Pick<Section, 'id' | 'kind' | 'title' | 'owner' | 'position'>;
  contentHash: string;
  state: Uint8Array;
}

/** A publication with what it froze: the header and every section. */
export interface FrozenVersion {
  publication: Publication;
  header: FrozenHeader;
  sections: FrozenSectionState[];
}

/** What a new publication records, all inside the transaction that freezes the case. */
export interface NewPublication {
  caseId: string;
  header: FrozenHeader;
  sections: FrozenSectionState[];
  publishedBy: string | null;
  correctionId: string | null;
}

/** Publications, the freeze and correction requests of cases. */
export interface PublicationRepository {
  publications(caseId: string): Promise<Publication[]>;
  /** The newest publication with its frozen text, or null for a case never published. */
  latest(caseId: string): Promise<FrozenVersion | null>;
  isFrozen(caseId: string): Promise<boolean>;
  corrections(caseId: string): Promise<CorrectionRequest[]>;
  requestCorrection(input: {
    caseId: string;
    publicationId: string;
    side: Side;
    userId: string;
    reason: string;
  }): Promise<void>;
  /**
   * Confirms the request and lifts the freeze, together; false when the request was already
   * confirmed (by someone faster), and then nothing changes.
   */
  confirmCorrection(requestId: string, userId: string): Promise<boolean>;
  /** Cases marked published that have no publication yet (published before freezing existed). */
  unrecordedPublished(): Promise<string[]>;
}

const bytes = (value: Uint8Array) => Buffer.from(value.buffer, value.byteOffset, value.byteLength);

interface PublicationRow {
  id: string;
  case_id: string;
  sequence: number | string;
  header: string;
  published_by: string | null;
  published_by_name: string | null;
  published_at: string;
  correction_id: string | null;
}

const publicationFromRow = (row: PublicationRow): Publication => ({
  id: row.id,
  caseId: row.case_id,
  sequence: Number(row.sequence),
  publishedAt: row.published_at,
  publishedBy: row.published_by,
  publishedByName: row.published_by_name,
  correctionId: row.correction_id,
});

/** The header as it is printed, parsed through the shared schema like any case row. */
function headerFromJson(json: string): FrozenHeader {
  const { status: _status, ...header } = CaseSchema.parse({ ...JSON.parse(json), status: 'publisert' });
  return header;
}

export function frozenHeaderOf(found: Case): FrozenHeader {
  const { status: _status, ...header } = found;
  return header;
}

/**
 * Records a publication and freezes the case, through `tx` (the transaction that also moves
 * the case to publisert and holds every section's fence). Returns the new publication's id.
 */
export async function recordPublication(tx: SqlClient, input: NewPublication): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  const last = await tx.get<{ sequence: number | string | null }>(
    'SELECT MAX(sequence) AS sequence FROM publications WHERE case_id = ?',
    [input.caseId],
  );
  await tx.run(
    'INSERT INTO publications (id, case_id, sequence, header, published_by, published_at, correction_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [
      id,
      input.caseId,
      Number(last?.sequence ?? 0) + 1,
      JSON.stringify(input.header),
      input.publishedBy,
      at,
      input.correctionId,
    ],
  );
  for (const { section, contentHash, state } of input.sections) {
    await tx.run(
      `INSERT INTO published_sections (publication_id, section_id, kind, title, owner, position, content_hash, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, section.id, section.kind, section.title, section.owner, section.position, contentHash, bytes(state)],
    );
  }
  await tx.run('INSERT INTO publication_freezes (case_id, publication_id, frozen_at) VALUES (?, ?, ?)', [
    input.caseId,
    id,
    at,
  ]);
  return id;
}

export function createSqlPublicationRepository(sql: SqlClient): PublicationRepository {
  const publicationRows = (caseId: string) =>
    sql.all<PublicationRow>(
      `SELECT p.*, u.name AS published_by_name FROM publications p LEFT JOIN users u ON u.id = p.published_by
       WHERE p.case_id = ? ORDER BY p.sequence`,
      [caseId],
    );
  return {
    async publications(caseId) {
      return (await publicationRows(caseId)).map(publicationFromRow);
    },
    async latest(caseId) {
      const rows = await publicationRows(caseId);
      const newest = rows[rows.length - 1];
      if (!newest) return null;
      const sections = await sql.all<{
        section_id: string;
        kind: Section['kind'];
        title: string;
        owner: Section['owner'];
        position: number | string;
        content_hash: string;
        state: Uint8Array;
      }>('SELECT * FROM published_sections WHERE publication_id = ? ORDER BY position, section_id', [newest.id]);
      return {
        publication: publicationFromRow(newest),
        header: headerFromJson(newest.header),
        sections: sections.map((row) => ({
          section: {
            id: row.section_id,
            kind: row.kind,
            title: row.title,
            owner: row.owner,
            position: Number(row.position),
          },
          contentHash: row.content_hash,
          state: new Uint8Array(row.state),
        })),
      };
    },
    async isFrozen(caseId) {
      return (await sql.get('SELECT 1 AS frozen FROM publication_freezes WHERE case_id = ?', [caseId])) !== undefined;
    },
    async corrections(caseId) {
      const rows = await sql.all<SideRequestRow & { publication_id: string }>(
        `${selectSideRequests('correction_requests')}
         WHERE r.case_id = ? ORDER BY r.requested_at, r.id`,
        [caseId],
      );
      return rows.map((row) => ({ ...sideRequestFromRow(row), publicationId: row.publication_id }));
    },
    async requestCorrection({ caseId, publicationId, side, userId, reason }) {
      await sql.run(
        `INSERT INTO correction_requests (id, case_id, publication_id, side, requested_by, reason, requested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), caseId, publicationId, side, userId, reason, new Date().toISOString()],
      );
    },
    async confirmCorrection(requestId, userId) {
      return sql.transaction(async (tx) => {
        const request = await tx.get<{ case_id: string }>('SELECT case_id FROM correction_requests WHERE id = ?', [
          requestId,
        ]);
        if (!request) return false;
        const { changes } = await tx.run(
          'UPDATE correction_requests SET confirmed_by = ?, confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL',
          [userId, new Date().toISOString(), requestId],
        );
        if (changes !== 1) return false;
        await tx.run('DELETE FROM publication_freezes WHERE case_id = ?', [request.case_id]);
        return true;
      });
    },
    async unrecordedPublished() {
      const rows = await sql.all<{ id: string }>(
        `SELECT c.id FROM cases c WHERE c.status = 'publisert'
         AND NOT EXISTS (SELECT 1 FROM publications p WHERE p.case_id = c.id) ORDER BY c.id`,
      );
      return rows.map((row) => row.id);
    },
  };
}
