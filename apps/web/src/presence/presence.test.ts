import { describe, expect, it } from 'vitest';
import { collectPresence, type SectionAwareness } from './presence.js';

// As the server relays them: `user.id` is stamped from the session, whatever the client sent.
const kari = { user: { id: 'u-kari', name: 'Kari Nordmann', color: '#1a5fb4' } };
const ola = { user: { id: 'u-ola', name: 'Ola Nordmann', color: '#b3261e' } };

function section(sectionId: string, states: Array<[number, Record<string, unknown>]>): SectionAwareness {
  return { sectionId, states: new Map(states) };
}

describe('collectPresence', () => {
  it('counts a person once although they are connected to every section, in two tabs', () => {
    const people = collectPresence(
      [
        section('innstilling', [
          [11, kari],
          [21, ola],
          [31, kari],
        ]),
        section('bakgrunn', [
          [12, kari],
          [22, ola],
          [32, kari],
        ]),
      ],
      'u-ola',
    );
    expect(people.map((person) => person.name)).toEqual(['Ola Nordmann', 'Kari Nordmann']);
    expect(people.map((person) => person.isSelf)).toEqual([true, false]);
  });

  it('tells where someone has their caret', () => {
    const people = collectPresence(
      [
        section('innstilling', [[11, kari]]),
        section('kommunenes-vurdering', [[12, { ...kari, cursor: { anchor: {}, head: {} } }]]),
      ],
      'u-ola',
    );
    expect(people[0]?.editingSectionIds).toEqual(['kommunenes-vurdering']);
  });

  it("keeps an observer who copies someone's tab session in the list, with their own caret", () => {
    // Fields the client chooses (such as the old tab `session`) do not decide who is who.
    const olga = {
      user: { id: 'u-olga', name: 'Olga Strand', color: '#1f6f8b' },
      session: 'tab-kari',
      cursor: { anchor: {}, head: {} },
    };
    const people = collectPresence(
      [
        section('innstilling', [
          [11, { ...kari, session: 'tab-kari' }],
          [41, olga],
        ]),
      ],
      'u-ola',
    );
    expect(people.map(({ name, editingSectionIds }) => [name, editingSectionIds])).toEqual([
      ['Kari Nordmann', []],
      ['Olga Strand', ['innstilling']],
    ]);
  });

  it('ignores clients without a user id or name, and odd colours', () => {
    const people = collectPresence(
      [
        section('innstilling', [
          [1, {}],
          [2, { user: { id: 'u-2', name: '  ' } }],
          [3, { user: { name: 'Uten id', color: '#123456' } }],
          [4, { user: { id: 'u-per', name: 'Per', color: 'red' } }],
        ]),
      ],
      'u-ola',
    );
    expect(people).toEqual([{ key: 'u-per', name: 'Per', color: '#455a64', isSelf: false, editingSectionIds: [] }]);
  });
});
