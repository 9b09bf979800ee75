import { describe, expect, it } from 'vitest';
import { SearchQuerySchema, snippetAround } from './search.js';

describe('search', () => {
  it('shows the words around a match, whatever their case, cut at word boundaries', () => {
    const text =
      'Kommunene i helsefellesskapet har mange møteplasser. Kunnskapskommunen Helse og Omsorg Nord kan bistå med fasilitering av lokale samhandlingsarenaer sammen med RKK.';
    const snippet = snippetAround(text, 'kunnskapskommunen', 20);
    expect(snippet).toContain('Kunnskapskommunen Helse');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippetAround('kort tekst', 'kort')).toBe('kort tekst');
  });

  it('refuses queries that are too short or too long', () => {
    expect(SearchQuerySchema.safeParse({ q: ' a ' }).success).toBe(false);
    expect(SearchQuerySchema.safeParse({ q: 'x'.repeat(201) }).success).toBe(false);
    expect(SearchQuerySchema.parse({ q: '  RKK ' }).q).toBe('RKK');
  });
});
