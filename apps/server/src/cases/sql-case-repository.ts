import { randomUUID } from 'node:crypto';
import {
  CaseSchema,
  CommunitySchema,
  OrganisationSchema,
  SectionSchema,
  type Case,
  type Section,
} from '@samraad/schema';
import * as Y from 'yjs';
import { insertVersion } from '../consensus/sql-consensus-repository.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation, type SqlClient } from '../db/sql-client.js';
import { sectionText } from '../sections/content.js';
import { ConflictError, type CaseRepository } from './case-repository.js';

/** The label of a section's first version, stored with the section itself. */
export const CREATED_VERSION_LABEL = 'Opprettet';

/** A row of `cases`, as the typed schema declares it. */
type CaseRow = Database['cases'];

interface SectionRow {
  id: string;
  case_id: string;
  kind: string;
  title: string;
  owner: string;
  position: number | string;
}

interface CommunityRow {
  id: string;
  name: string;
  hospital_name: string;
}

// Rows are parsed through the shared schema so a corrupt row fails loudly instead of
// reaching a client with the wrong shape.
export function caseFromRow(row: CaseRow): Case {
  return CaseSchema.parse({
    id: row.id,
    communityId: row.community_id,
    number: row.number,
    body: row.body,
    title: row.title,
    kind: row.kind,
    status: row.status,
    caseOfficers: JSON.parse(row.case_officers) as unknown,
    documentDate: row.document_date,
    meetingDate: row.meeting_date,
    reference: row.reference,
    attachments: JSON.parse(row.attachments) as unknown,
  });
}

function caseColumns(value: Case): unknown[] {
  return [
    value.number,
    value.body,
    value.title,
    value.kind,
    value.status,
    JSON.stringify(value.caseOfficers),
    value.documentDate,
    value.meetingDate,
    value.reference,
    JSON.stringify(value.attachments),
  ];
}

export function sectionFromRow(row: SectionRow): Section {
  return SectionSchema.parse({
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    title: row.title,
    owner: row.owner,
    position: Number(row.position),
  });
}

const communityFromRow = (row: CommunityRow) => ({ id: row.id, name: row.name, hospitalName: row.hospital_name });

export function createSqlCaseRepository(sql: SqlClient): CaseRepository {
  const duplicateCase = (value: Case) => new ConflictError(`${value.body} har allerede en sak ${value.number}`);

  const repository: CaseRepository = {
    async isEmpty() {
      const row = await sql.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM communities');
      return Number(row?.n ?? 0) === 0;
    },
    async saveCommunity(community, organisations) {
      const parsed = CommunitySchema.parse(community);
      await sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO communities (id, name, hospital_name) VALUES (?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, hospital_name = excluded.hospital_name`,
          [parsed.id, parsed.name, parsed.hospitalName],
        );
        for (const organisation of organisations.map((o) => OrganisationSchema.parse(o))) {
          await tx.run(
            `INSERT INTO organisations (id, community_id, name, side, region) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, side = excluded.side, region = excluded.region`,
            [organisation.id, organisation.communityId, organisation.name, organisation.side, organisation.region],
          );
        }
      });
    },
    async listCommunities() {
      return (await sql.all<CommunityRow>('SELECT id, name, hospital_name FROM communities ORDER BY name')).map(
        communityFromRow,
      );
    },
    async getCommunity(id) {
      const row = await sql.get<CommunityRow>('SELECT id, name, hospital_name FROM communities WHERE id = ?', [id]);
      if (!row) return null;
      const organisations = await sql.all<{
        id: string;
        community_id: string;
        name: string;
        side: string;
        region: string | null;
      }>(
        `SELECT id, community_id, name, side, region FROM organisations WHERE community_id = ?
         ORDER BY side DESC, region, name`,
        [id],
      );
      return {
        ...communityFromRow(row),
        organisations: organisations.map((org) =>
          OrganisationSchema.parse({
            id: org.id,
            communityId: org.community_id,
            name: org.name,
            side: org.side,
            region: org.region,
          }),
        ),
      };
    },
    async listCases(communityId, options = {}) {
      // A meeting's minutes are a case only to be approved and locked like one; they belong to the meeting.
      const withoutMinutes = options.withoutMinutes
        ? 'AND id NOT IN (SELECT minutes_case_id FROM meetings WHERE minutes_case_id IS NOT NULL)'
        : '';
      const rows = await sql.all<CaseRow>(
        `SELECT * FROM cases WHERE community_id = ? ${withoutMinutes}
         ORDER BY substr(number, length(number) - 3) DESC, number DESC, body`,
        [communityId],
      );
      return rows.map(caseFromRow);
    },
    async getCase(id) {
      const row = await sql.get<CaseRow>('SELECT * FROM cases WHERE id = ?', [id]);
      return row ? caseFromRow(row) : null;
    },
    async createCase(input) {
      const created = CaseSchema.parse({ ...input, id: input.id ?? randomUUID() });
      try {
        await sql.run(
          `INSERT INTO cases (number, body, title, kind, status, case_officers, document_date, meeting_date, reference,
             attachments, id, community_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [...caseColumns(created), created.id, created.communityId],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateCase(created);
        throw error;
      }
      return created;
    },
    async setStatus(id, status) {
      await sql.db.updateTable('cases').set({ status }).where('id', '=', id).execute();
    },
    async updateCase(id, patch) {
      const existing = await repository.getCase(id);
      if (!existing) return null;
      const updated = CaseSchema.parse({ ...existing, ...patch, id, communityId: existing.communityId });
      try {
        await sql.run(
          `UPDATE cases SET number = ?, body = ?, title = ?, kind = ?, status = ?, case_officers = ?,
           document_date = ?, meeting_date = ?, reference = ?, attachments = ? WHERE id = ?`,
          [...caseColumns(updated), id],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateCase(updated);
        throw error;
      }
      return updated;
    },
    async listSections(caseId) {
      return (
        await sql.all<SectionRow>('SELECT * FROM sections WHERE case_id = ? ORDER BY position, id', [caseId])
      ).map(sectionFromRow);
    },
    async getSection(caseId, sectionId) {
      const row = await sql.get<SectionRow>('SELECT * FROM sections WHERE case_id = ? AND id = ?', [caseId, sectionId]);
      return row ? sectionFromRow(row) : null;
    },
    async createSection(caseId, input) {
      const next = await sql.get<{ next: number | string }>(
        'SELECT COALESCE(MAX(position) + 1, 0) AS next FROM sections WHERE case_id = ?',
        [caseId],
      );
      const section = SectionSchema.parse({
        id: input.id ?? randomUUID(),
        caseId,
        kind: input.kind,
        title: input.title,
        owner: input.owner,
        position: input.position ?? Number(next?.next ?? 0),
      });
      // The section's first version in the same transaction: no section is without one.
      const first = new Y.Doc();
      if (input.content) Y.applyUpdate(first, input.content);
      try {
        await sql.transaction(async (tx) => {
          await tx.run('INSERT INTO sections (id, case_id, kind, title, owner, position) VALUES (?, ?, ?, ?, ?, ?)', [
            section.id,
            caseId,
            section.kind,
            section.title,
            section.owner,
            section.position,
          ]);
          await insertVersion(tx, {
            caseId,
            sectionId: section.id,
            label: CREATED_VERSION_LABEL,
            kind: 'auto',
            createdBy: input.createdBy ?? null,
            state: Y.encodeStateAsUpdate(first),
            text: sectionText(first),
          });
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`saken har allerede en del med id ${section.id}`);
        throw error;
      } finally {
        first.destroy();
      }
      return section;
    },
    async updateSection(caseId, sectionId, patch) {
      const existing = await repository.getSection(caseId, sectionId);
      if (!existing) return null;
      const updated = SectionSchema.parse({ ...existing, ...patch });
      await sql.run('UPDATE sections SET title = ?, owner = ?, position = ? WHERE case_id = ? AND id = ?', [
        updated.title,
        updated.owner,
        updated.position,
        caseId,
        sectionId,
      ]);
      return updated;
    },
    async deleteSection(caseId, sectionId) {
      return (await sql.run('DELETE FROM sections WHERE case_id = ? AND id = ?', [caseId, sectionId])).changes > 0;
    },
  };
  return repository;
}
