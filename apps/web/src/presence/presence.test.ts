import { describe, expect, it } from 'vitest';
import { collectPresence, type SectionAwareness } from './presence.js';

const kari = { user: { name: 'Kari Nordmann', color: '#1a5fb4' }, session: 'tab-kari' };
const ola = { user: { name: 'Ola Nordmann', color: '#b3261e' }, session: 'tab-ola' };

function section(sectionId: string, states: Array<[number, Record<string, unknown>]>): SectionAwareness {
  return { sectionId, states: new Map(states) };
}

describe('collectPresence', () => {
  it('counts a tab once although it is connected to every section', () => {
    const people = collectPresence(
      [
        section('innstilling', [[11, kari], [21, ola]]),
        section('bakgrunn', [[12, kari], [22, ola]]),
      ],
      'tab-ola',
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
      'tab-ola',
    );
    expect(people[0]?.editingSectionIds).toEqual(['kommunenes-vurdering']);
  });

  it('ignores clients that have not said who they are, and odd colours', () => {
    const people = collectPresence(
      [section('innstilling', [[1, {}], [2, { user: { name: '  ' } }], [3, { user: { name: 'Per', color: 'red' } }]])],
      'tab-ola',
    );
    expect(people).toEqual([
      { key: 'client:3', name: 'Per', color: '#455a64', isSelf: false, editingSectionIds: [] },
    ]);
  });
});
