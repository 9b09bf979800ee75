import { parseSectionRoom, type SectionSeal } from '@samraad/schema';
import type { Storage } from '../db/storage.js';

/**
 * What holds a section's text fixed, read in one statement so it can run inside an append's
 * transaction: the case's publication freeze (every section) before the consensus lock (the
 * agreed wording and assessments) or a signed declaration's seal (its text, sealed by the
 * first signature; refused like a lock). Null when the section may be written.
 */
export async function sectionSeal({ db }: Storage, caseId: string, sectionId: string): Promise<SectionSeal> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('publication_freezes').select(eb.lit(1).as('one')).where('case_id', '=', caseId).as('frozen'),
      eb
        .selectFrom('section_locks')
        .select(eb.lit(1).as('one'))
        .where('case_id', '=', caseId)
        .where('section_id', '=', sectionId)
        .as('locked'),
      eb
        .selectFrom('declaration_sealed_sections')
        .select(eb.lit(1).as('one'))
        .where('case_id', '=', caseId)
        .where('section_id', '=', sectionId)
        .as('signed'),
    ])
    .executeTakeFirst();
  if (row?.frozen) return 'published';
  if (row?.locked || row?.signed) return 'locked';
  return null;
}

/** The seal of a section room by its name; a name that is no section is never sealed. */
export async function roomSeal(storage: Storage, room: string): Promise<SectionSeal> {
  const section = parseSectionRoom(room);
  return section ? sectionSeal(storage, section.caseId, section.sectionId) : null;
}
