import { snippetAround, type SearchHit } from '@samraad/schema';
import type { CaseRepository } from '../cases/case-repository.js';
import { sql } from 'kysely';
import type { Storage } from '../db/storage.js';
import { foldForSearch, type SectionTextIndex } from './section-text-index.js';

interface CaseInfo {
  id: string;
  number: string;
  title: string;
  communityId: string;
}

/**
 * Full-text search over what a person may read: the cases of their communities, the text of
 * every section in them, and the comments on them. Matching is a case-insensitive substring
 * match; results are grouped as cases first, then section text, then comments.
 */
export class SearchService {
  constructor(private readonly deps: { storage: Storage; cases: CaseRepository; index: SectionTextIndex }) {}

  /** Writes the index rows still waiting for their section to settle (before the database closes). */
  flushIndex(): Promise<void> {
    return this.deps.index.flush();
  }

  async search(communityIds: readonly string[], query: string, limit = 50): Promise<SearchHit[]> {
    const folded = foldForSearch(query);
    const readable = new Map<string, CaseInfo>();
    for (const communityId of communityIds) {
      for (const found of await this.deps.cases.listCases(communityId)) readable.set(found.id, found);
    }
    if (readable.size === 0) return [];
    const titles = new Map<string, string>();
    const sections: Array<{ caseId: string; sectionId: string }> = [];
    for (const caseId of readable.keys()) {
      for (const section of await this.deps.cases.listSections(caseId)) {
        sections.push({ caseId, sectionId: section.id });
        titles.set(`${caseId}\n${section.id}`, section.title);
      }
    }
    await this.deps.index.flush();
    await this.deps.index.fillMissing(sections);

    const hit = (found: CaseInfo, kind: SearchHit['kind'], sectionId: string | null, text: string): SearchHit => ({
      kind,
      caseId: found.id,
      caseNumber: found.number,
      caseTitle: found.title,
      communityId: found.communityId,
      sectionId,
      sectionTitle: sectionId ? (titles.get(`${found.id}\n${sectionId}`) ?? null) : null,
      snippet: snippetAround(text, query),
    });

    const hits: SearchHit[] = [];
    for (const found of readable.values()) {
      if (foldForSearch(`${found.number} ${found.title}`).includes(folded))
        hits.push(hit(found, 'case', null, found.title));
    }
    const ids = [...readable.keys()];
    const { db } = this.deps.storage;
    const pattern = `%${folded.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    const texts = await db
      .selectFrom('section_texts')
      .select(['case_id', 'section_id', 'text'])
      .where('case_id', 'in', ids)
      // Kysely's `like` has no ESCAPE; the pattern is still a bound parameter.
      .where(sql<boolean>`folded_text LIKE ${pattern} ESCAPE '\\'`)
      .orderBy('case_id')
      .orderBy('section_id')
      .execute();
    for (const row of texts) hits.push(hit(readable.get(row.case_id)!, 'section', row.section_id, row.text));
    // Comment bodies are matched here rather than in SQL, for the same reason as folded_text.
    const comments = await db
      .selectFrom('comments as c')
      .innerJoin('comment_threads as t', 't.id', 'c.thread_id')
      .select(['t.case_id', 't.section_id', 'c.body'])
      .where('t.case_id', 'in', ids)
      .where('c.deleted', '=', 0)
      .orderBy('c.created_at')
      .execute();
    for (const row of comments) {
      if (foldForSearch(row.body).includes(folded))
        hits.push(hit(readable.get(row.case_id)!, 'comment', row.section_id, row.body));
    }
    return hits.slice(0, limit);
  }
}
