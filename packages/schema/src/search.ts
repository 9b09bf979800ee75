import { z } from 'zod';

export const SEARCH_MIN_LENGTH = 2;

/** GET /api/search?q=…: words to look for in cases, section text and comments. */
export const SearchQuerySchema = z.object({
  q: z
    .string({ error: `søk på minst ${SEARCH_MIN_LENGTH} tegn` })
    .trim()
    .min(SEARCH_MIN_LENGTH, `søk på minst ${SEARCH_MIN_LENGTH} tegn`)
    .max(200, 'søket er for langt'),
});

/** One hit; `snippet` is plain text around the match, `match` the matched words within it. */
export interface SearchHit {
  kind: 'case' | 'section' | 'comment';
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  communityId: string;
  sectionId: string | null;
  sectionTitle: string | null;
  snippet: string;
}

/**
 * Plain text around the first occurrence of `query` (case-insensitive), cut at word
 * boundaries where possible, so a hit shows its context without the whole section.
 */
export function snippetAround(text: string, query: string, radius = 80): string {
  const at = text.toLocaleLowerCase('nb').indexOf(query.toLocaleLowerCase('nb'));
  if (at === -1) return text.slice(0, radius * 2).trim();
  let start = Math.max(0, at - radius);
  let end = Math.min(text.length, at + query.length + radius);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at + query.length ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? ' …' : ''}`;
}
