import { parseSectionRoom, type SectionSeal } from '@samraad/schema';
import type { SqlClient } from '../db/sql-client.js';

/**
 * What holds a section's text fixed, read in one statement so it can run inside an append's
 * transaction: the case's publication freeze (every section) before the consensus lock (the
 * agreed wording and assessments) or a signed declaration's seal (its text, sealed by the
 * first signature; refused like a lock). Null when the section may be written.
 */
export async function sectionSeal(sql: SqlClient, caseId: string, sectionId: string): Promise<SectionSeal> {
  const row = await sql.get<{ frozen: number | null; locked: number | null; signed: number | null }>(
    `SELECT (SELECT 1 FROM publication_freezes WHERE case_id = ?) AS frozen,
            (SELECT 1 FROM section_locks WHERE case_id = ? AND section_id = ?) AS locked,
            (SELECT 1 FROM declaration_sealed_sections WHERE case_id = ? AND section_id = ?) AS signed`,
    [caseId, caseId, sectionId, caseId, sectionId],
  );
  if (row?.frozen) return 'published';
  if (row?.locked || row?.signed) return 'locked';
  return null;
}

/** The seal of a section room by its name; a name that is no section is never sealed. */
export async function roomSeal(sql: SqlClient, room: string): Promise<SectionSeal> {
  const section = parseSectionRoom(room);
  return section ? sectionSeal(sql, section.caseId, section.sectionId) : null;
}
