import { describe, expect, it } from 'vitest';
import { matchPeople, mentionQueryAt } from './mentionQuery.js';

const people = [
  { id: 'a', name: 'Kari Lind', organisationName: 'Bodø kommune' },
  { id: 'b', name: 'Jonas Eide', organisationName: 'Vågan kommune' },
  { id: 'c', name: 'Nils Berg', organisationName: 'Nordlandssykehuset' },
];

describe('the "@" being typed', () => {
  it('is found right before the caret, at the start or after a space', () => {
    expect(mentionQueryAt('Hei @Jo', 7)).toEqual({ start: 4, query: 'Jo' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Hei @Jonas E', 12)).toEqual({ start: 4, query: 'Jonas E' });
  });

  it('is not an e-mail address or text after the caret', () => {
    expect(mentionQueryAt('kari@lvs', 8)).toBeNull();
    expect(mentionQueryAt('Hei @Jo og', 3)).toBeNull();
    expect(mentionQueryAt('Hei @Kari Lind ', 15)).toBeNull();
  });

  it('filters by any word of the name or the organisation', () => {
    expect(matchPeople(people, 'jo').map((p) => p.id)).toEqual(['b']);
    expect(matchPeople(people, 'Berg').map((p) => p.id)).toEqual(['c']);
    expect(matchPeople(people, 'nordl').map((p) => p.id)).toEqual(['c']);
    expect(matchPeople(people, 'Jonas E').map((p) => p.id)).toEqual(['b']);
    expect(matchPeople(people, '').map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(matchPeople(people, 'zz')).toEqual([]);
  });
});
