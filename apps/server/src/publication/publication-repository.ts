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
import type { Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Storage } from '../db/storage.js';
import { sideRequestFromRow } from '../consensus/side-request-rows.js';

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

interface PublicationRow extends Selectable<Database['publications']> {
  published_by_name: string | null;
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
export async function recordPublication({ db }: Storage, input: NewPublication): Promise<string> {
  const id = randomUUID();
  const at = new Date().toISOString();
  const last = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.max('sequence').as('sequence'))
    .where('case_id', '=', input.caseId)
    .executeTakeFirst();
  await db
    .insertInto('publications')
    .values({
      id,
      case_id: input.caseId,
      sequence: Number(last?.sequence ?? 0) + 1,
      header: JSON.stringify(input.header),
      published_by: input.publishedBy,
      published_at: at,
      correction_id: input.correctionId,
    })
    .execute();
  if (input.sections.length > 0) {
    await db
      .insertInto('published_sections')
      .values(
        input.sections.map(({ section, contentHash, state }) => ({
          publication_id: id,
          section_id: section.id,
          kind: section.kind,
          title: section.title,
          owner: section.owner,
          position: section.position,
          content_hash: contentHash,
          state: bytes(state),
        })),
      )
      .execute();
  }
  await db
    .insertInto('publication_freezes')
    .values({ case_id: input.caseId, publication_id: id, frozen_at: at })
    .execute();
  return id;
}

export function createSqlPublicationRepository(storage: Storage): PublicationRepository {
  const { db } = storage;
  const publicationRows = (caseId: string): Promise<PublicationRow[]> =>
    db
      .selectFrom('publications as p')
      .leftJoin('users as u', 'u.id', 'p.published_by')
      .selectAll('p')
      .select('u.name as published_by_name')
      .where('p.case_id', '=', caseId)
      .orderBy('p.sequence')
      .execute();
  return {
    async publications(caseId) {
      return (await publicationRows(caseId)).map(publicationFromRow);
    },
    async latest(caseId) {
      const rows = await publicationRows(caseId);
      const newest = rows[rows.length - 1];
      if (!newest) return null;
      const sections = await db
        .selectFrom('published_sections')
        .selectAll()
        .where('publication_id', '=', newest.id)
        .orderBy('position')
        .orderBy('section_id')
        .execute();
      return {
        publication: publicationFromRow(newest),
        header: headerFromJson(newest.header),
        sections: sections.map((row) => ({
          section: {
            id: row.section_id,
            // Copied from the case's own section row, which the shared schema parsed.
            kind: row.kind as Section['kind'],
            title: row.title,
            owner: row.owner as Section['owner'],
            position: Number(row.position),
          },
          contentHash: row.content_hash,
          state: new Uint8Array(row.state),
        })),
      };
    },
    async isFrozen(caseId) {
      const frozen = await db
        .selectFrom('publication_freezes')
        .select((eb) => eb.lit(1).as('frozen'))
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return frozen !== undefined;
    },
    async corrections(caseId) {
      const rows = await db
        .selectFrom('correction_requests as r')
        .innerJoin('users as a', 'a.id', 'r.requested_by')
        .leftJoin('users as b', 'b.id', 'r.confirmed_by')
        .selectAll('r')
        .select(['a.name as requested_by_name', 'b.name as confirmed_by_name'])
        .where('r.case_id', '=', caseId)
        .orderBy('r.requested_at')
        .orderBy('r.id')
        .execute();
      return rows.map((row) => ({
        // side is written only from a validated Side.
        ...sideRequestFromRow({ ...row, side: row.side as Side }),
        publicationId: row.publication_id,
      }));
    },
    async requestCorrection({ caseId, publicationId, side, userId, reason }) {
      await db
        .insertInto('correction_requests')
        .values({
          id: randomUUID(),
          case_id: caseId,
          publication_id: publicationId,
          side,
          requested_by: userId,
          reason,
          requested_at: new Date().toISOString(),
        })
        .execute();
    },
    async confirmCorrection(requestId, userId) {
      return storage.transaction(async ({ db: tx }) => {
        const request = await tx
          .selectFrom('correction_requests')
          .select('case_id')
          .where('id', '=', requestId)
          .executeTakeFirst();
        if (!request) return false;
        const { numUpdatedRows } = await tx
          .updateTable('correction_requests')
          .set({ confirmed_by: userId, confirmed_at: new Date().toISOString() })
          .where('id', '=', requestId)
          .where('confirmed_at', 'is', null)
          .executeTakeFirst();
        if (numUpdatedRows !== 1n) return false;
        await tx.deleteFrom('publication_freezes').where('case_id', '=', request.case_id).execute();
        return true;
      });
    },
    async unrecordedPublished() {
      const rows = await db
        .selectFrom('cases as c')
        .select('c.id')
        .where('c.status', '=', 'publisert')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('publications as p')
                .select((sub) => sub.lit(1).as('one'))
                .whereRef('p.case_id', '=', 'c.id'),
            ),
          ),
        )
        .orderBy('c.id')
        .execute();
      return rows.map((row) => row.id);
    },
  };
}
