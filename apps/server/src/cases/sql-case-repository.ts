import { randomUUID } from 'node:crypto';
import {
  CaseSchema,
  CommunitySchema,
  OrganisationSchema,
  SectionSchema,
  type Case,
  type Section,
} from '@samraad/schema';
import { sql, type Insertable, type Selectable } from 'kysely';
import * as Y from 'yjs';
import { insertVersion } from '../consensus/sql-consensus-repository.js';
import type { Database } from '../db/schema.js';
import { isUniqueViolation, type Storage } from '../db/storage.js';
import { sectionText } from '../sections/content.js';
import { ConflictError, type CaseRepository } from './case-repository.js';

/** The label of a section's first version, stored with the section itself. */
export const CREATED_VERSION_LABEL = 'Opprettet';

type CaseRow = Selectable<Database['cases']>;
type SectionRow = Selectable<Database['sections']>;
type CommunityRow = Selectable<Database['communities']>;

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

/** Everything of a case that an update may change (all but its id and community). */
function caseColumns(value: Case): Omit<Insertable<Database['cases']>, 'id' | 'community_id'> {
  return {
    number: value.number,
    body: value.body,
    title: value.title,
    kind: value.kind,
    status: value.status,
    case_officers: JSON.stringify(value.caseOfficers),
    document_date: value.documentDate,
    meeting_date: value.meetingDate,
    reference: value.reference,
    attachments: JSON.stringify(value.attachments),
  };
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

export function createSqlCaseRepository(storage: Storage): CaseRepository {
  const { db } = storage;
  const duplicateCase = (value: Case) => new ConflictError(`${value.body} har allerede en sak ${value.number}`);

  const repository: CaseRepository = {
    async isEmpty() {
      return (await db.selectFrom('communities').select('id').limit(1).executeTakeFirst()) === undefined;
    },
    async saveCommunity(community, organisations) {
      const parsed = CommunitySchema.parse(community);
      await storage.transaction(async (tx) => {
        await tx.db
          .insertInto('communities')
          .values({ id: parsed.id, name: parsed.name, hospital_name: parsed.hospitalName })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              hospital_name: eb.ref('excluded.hospital_name'),
            })),
          )
          .execute();
        for (const organisation of organisations.map((o) => OrganisationSchema.parse(o))) {
          await tx.db
            .insertInto('organisations')
            .values({
              id: organisation.id,
              community_id: organisation.communityId,
              name: organisation.name,
              side: organisation.side,
              region: organisation.region,
            })
            .onConflict((oc) =>
              oc.column('id').doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                side: eb.ref('excluded.side'),
                region: eb.ref('excluded.region'),
              })),
            )
            .execute();
        }
      });
    },
    async listCommunities() {
      return (await db.selectFrom('communities').selectAll().orderBy('name').execute()).map(communityFromRow);
    },
    async getCommunity(id) {
      const row = await db.selectFrom('communities').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const organisations = await db
        .selectFrom('organisations')
        .selectAll()
        .where('community_id', '=', id)
        .orderBy('side', 'desc')
        .orderBy('region')
        .orderBy('name')
        .execute();
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
      const rows = await db
        .selectFrom('cases')
        .selectAll()
        .where('community_id', '=', communityId)
        .$if(options.withoutMinutes === true, (query) =>
          query.where('id', 'not in', (eb) =>
            eb.selectFrom('meetings').select('minutes_case_id').where('minutes_case_id', 'is not', null),
          ),
        )
        // Newest year first: a number ends in its year ("07/2021").
        .orderBy(sql`substr(number, length(number) - 3)`, 'desc')
        .orderBy('number', 'desc')
        .orderBy('body')
        .execute();
      return rows.map(caseFromRow);
    },
    async getCase(id) {
      const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? caseFromRow(row) : null;
    },
    async createCase(input) {
      const created = CaseSchema.parse({ ...input, id: input.id ?? randomUUID() });
      try {
        await db
          .insertInto('cases')
          .values({ ...caseColumns(created), id: created.id, community_id: created.communityId })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateCase(created);
        throw error;
      }
      return created;
    },
    async setStatus(id, status) {
      await db.updateTable('cases').set({ status }).where('id', '=', id).execute();
    },
    async updateCase(id, patch) {
      const existing = await repository.getCase(id);
      if (!existing) return null;
      const updated = CaseSchema.parse({ ...existing, ...patch, id, communityId: existing.communityId });
      try {
        await db.updateTable('cases').set(caseColumns(updated)).where('id', '=', id).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw duplicateCase(updated);
        throw error;
      }
      return updated;
    },
    async listSections(caseId) {
      return (
        await db
          .selectFrom('sections')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('position')
          .orderBy('id')
          .execute()
      ).map(sectionFromRow);
    },
    async getSection(caseId, sectionId) {
      const row = await db
        .selectFrom('sections')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', sectionId)
        .executeTakeFirst();
      return row ? sectionFromRow(row) : null;
    },
    async createSection(caseId, input) {
      const { last } = await db
        .selectFrom('sections')
        .select((eb) => eb.fn.max('position').as('last'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      const section = SectionSchema.parse({
        id: input.id ?? randomUUID(),
        caseId,
        kind: input.kind,
        title: input.title,
        owner: input.owner,
        position: input.position ?? (last === null ? 0 : Number(last) + 1),
      });
      // The section's first version in the same transaction: no section is without one.
      const first = new Y.Doc();
      if (input.content) Y.applyUpdate(first, input.content);
      try {
        await storage.transaction(async (tx) => {
          await tx.db
            .insertInto('sections')
            .values({
              id: section.id,
              case_id: caseId,
              kind: section.kind,
              title: section.title,
              owner: section.owner,
              position: section.position,
            })
            .execute();
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
      await db
        .updateTable('sections')
        .set({ title: updated.title, owner: updated.owner, position: updated.position })
        .where('case_id', '=', caseId)
        .where('id', '=', sectionId)
        .execute();
      return updated;
    },
    async deleteSection(caseId, sectionId) {
      const { numDeletedRows } = await db
        .deleteFrom('sections')
        .where('case_id', '=', caseId)
        .where('id', '=', sectionId)
        .executeTakeFirst();
      return numDeletedRows > 0n;
    },
  };
  return repository;
}
