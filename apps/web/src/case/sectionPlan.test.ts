import { describe, expect, it } from 'vitest';
import type { Section } from '@samraad/schema';
import { movePlan, sectionActions } from './sectionPlan.js';

const section = (id: string, kind: Section['kind'], owner: Section['owner'], position: number): Section => ({
  id,
  caseId: 'c1',
  kind,
  owner,
  title: id,
  position,
});

const sections = [
  section('innstilling', 'innstilling', 'shared', 0),
  section('bakgrunn', 'bakgrunn', 'shared', 1),
  section('kommune', 'vurdering', 'kommune', 2),
  section('hf', 'vurdering', 'helseforetak', 3),
  section('innledning', 'innledning', 'shared', 4),
];

describe('moving a section', () => {
  it('swaps it with its neighbour', () => {
    expect(movePlan(sections, 4, -1)).toEqual([
      { sectionId: 'innledning', position: 3 },
      { sectionId: 'hf', position: 4 },
    ]);
  });

  it('does nothing past the top or the bottom', () => {
    expect(movePlan(sections, 0, -1)).toEqual([]);
    expect(movePlan(sections, 4, 1)).toEqual([]);
  });

  it('numbers the sections from 0 again when deletions left gaps', () => {
    const gapped = [
      section('a', 'bakgrunn', 'shared', 0),
      section('b', 'annet', 'shared', 3),
      section('c', 'annet', 'shared', 7),
    ];
    expect(movePlan(gapped, 2, -1)).toEqual([
      { sectionId: 'c', position: 1 },
      { sectionId: 'b', position: 2 },
    ]);
  });
});

describe('what the secretariat may do with a section', () => {
  it('may do everything while nothing is locked, except move past the ends', () => {
    const actions = sectionActions(sections, new Set(), sections[0]!);
    expect(actions).toEqual({
      rename: { allowed: true },
      moveUp: null,
      moveDown: { allowed: true },
      remove: { allowed: true },
    });
  });

  it('may move a locked section, but not rename or delete it', () => {
    const actions = sectionActions(sections, new Set(['innstilling', 'kommune', 'hf']), sections[2]!);
    expect(actions.rename).toEqual({ allowed: false, reason: 'section-locked' });
    expect(actions.remove).toEqual({ allowed: false, reason: 'section-locked' });
    expect(actions.moveUp).toEqual({ allowed: true });
  });
});
