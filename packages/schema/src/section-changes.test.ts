import { describe, expect, it } from 'vitest';
import type { Section } from './section.js';
import { decideSectionChange, locksWithConsensus } from './section-changes.js';

const section = (id: string, kind: Section['kind'], owner: Section['owner'], title = id): Section => ({
  id,
  caseId: 'c1',
  kind,
  owner,
  title,
  position: 0,
});

const sections = [
  section('inn', 'innstilling', 'shared', 'Innstilling til konsensus'),
  section('bak', 'bakgrunn', 'shared', 'Bakgrunn'),
  section('kv', 'vurdering', 'kommune', 'Kommunenes vurdering'),
  section('hv', 'vurdering', 'helseforetak', 'Nordlandssykehuset HFs vurdering'),
  section('felles', 'vurdering', 'shared', 'Felles vurdering'),
];
const locked = new Set(['inn', 'kv', 'hv']);
const open = new Set<string>();

describe('which sections lock with consensus', () => {
  it('is the wording and each side’s own assessment, not shared text', () => {
    expect(sections.filter(locksWithConsensus).map((s) => s.id)).toEqual(['inn', 'kv', 'hv']);
  });
});

describe('structural changes around a locked agreement', () => {
  it('refuses a second consensus wording, locked or not', () => {
    const change = { type: 'create', input: { kind: 'innstilling', owner: 'shared' } } as const;
    expect(decideSectionChange(sections, open, change)).toEqual({ allowed: false, reason: 'second-consensus-section' });
    expect(decideSectionChange(sections.slice(1), open, change)).toEqual({ allowed: true });
  });

  it('refuses a new side assessment once the case is locked, but allows background text', () => {
    expect(
      decideSectionChange(sections, locked, { type: 'create', input: { kind: 'vurdering', owner: 'kommune' } }),
    ).toEqual({
      allowed: false,
      reason: 'case-locked',
    });
    expect(
      decideSectionChange(sections, open, { type: 'create', input: { kind: 'vurdering', owner: 'kommune' } }).allowed,
    ).toBe(true);
    expect(
      decideSectionChange(sections, locked, { type: 'create', input: { kind: 'bakgrunn', owner: 'shared' } }).allowed,
    ).toBe(true);
  });

  it('refuses renaming or re-owning a locked section, but lets it move in the order', () => {
    expect(
      decideSectionChange(sections, locked, { type: 'update', sectionId: 'kv', patch: { owner: 'shared' } }),
    ).toEqual({
      allowed: false,
      reason: 'section-locked',
    });
    expect(
      decideSectionChange(sections, locked, { type: 'update', sectionId: 'inn', patch: { title: 'Ny tittel' } })
        .allowed,
    ).toBe(false);
    expect(
      decideSectionChange(sections, locked, {
        type: 'update',
        sectionId: 'inn',
        patch: { title: 'Innstilling til konsensus', position: 3 },
      }).allowed,
    ).toBe(true);
  });

  it('refuses turning shared text into a side assessment after the lock', () => {
    expect(
      decideSectionChange(sections, locked, { type: 'update', sectionId: 'felles', patch: { owner: 'helseforetak' } }),
    ).toEqual({
      allowed: false,
      reason: 'case-locked',
    });
    expect(
      decideSectionChange(sections, locked, {
        type: 'update',
        sectionId: 'felles',
        patch: { title: 'Felles bakgrunn' },
      }).allowed,
    ).toBe(true);
  });

  it('refuses deleting a locked section only', () => {
    expect(decideSectionChange(sections, locked, { type: 'delete', sectionId: 'hv' })).toEqual({
      allowed: false,
      reason: 'section-locked',
    });
    expect(decideSectionChange(sections, locked, { type: 'delete', sectionId: 'bak' }).allowed).toBe(true);
  });
});

describe('changes to a published, frozen case', () => {
  const every = [
    { type: 'create', input: { kind: 'bakgrunn', owner: 'shared' } },
    { type: 'update', sectionId: 'bak', patch: { title: 'Ny bakgrunn' } },
    { type: 'update', sectionId: 'inn', patch: { position: 2 } },
    { type: 'delete', sectionId: 'felles' },
    { type: 'header' },
  ] as const;

  it('refuses every section and header change while frozen, locked sections or not', () => {
    for (const change of every) {
      expect(decideSectionChange(sections, open, change, { frozen: true })).toEqual({
        allowed: false,
        reason: 'case-published',
      });
      expect(decideSectionChange(sections, locked, change, { frozen: true })).toEqual({
        allowed: false,
        reason: 'case-published',
      });
    }
  });

  it('allows the same changes once a correction has unfrozen the case', () => {
    for (const change of every)
      expect(decideSectionChange(sections, open, change, { frozen: false }).allowed).toBe(true);
  });
});
