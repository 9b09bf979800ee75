import { describe, expect, it } from 'vitest';
import {
  CaseNumberSchema,
  CaseReferenceSchema,
  CreateCaseInputSchema,
  UpdateCaseInputSchema,
  defaultSectionsFor,
  genitive,
} from './case.js';

describe('case schema', () => {
  it('accepts the numbers and references printed on the papers', () => {
    expect(CaseNumberSchema.parse('04-2022')).toBe('04-2022');
    expect(CaseReferenceSchema.parse('2022/2936')).toBe('2022/2936');
  });

  it('rejects malformed numbers with a Norwegian message', () => {
    const result = CaseNumberSchema.safeParse('4/2022');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/NN-ÅÅÅÅ/);
  });

  it('fills defaults for a new case', () => {
    const parsed = CreateCaseInputSchema.parse({
      number: '07-2023',
      body: 'SSU',
      title: 'Ny sak',
      kind: 'drøftingssak',
    });
    expect(parsed.status).toBe('utkast');
    expect(parsed.caseOfficers).toEqual([]);
    // Absent means "give it the next reference"; only an explicit null means none.
    expect(parsed.reference).toBeUndefined();
    expect(
      CreateCaseInputSchema.parse({ body: 'SSU', title: 'Ny sak', kind: 'drøftingssak', reference: null }).reference,
    ).toBeNull();
  });

  it('leaves the number to the server when none is given', () => {
    expect(CreateCaseInputSchema.parse({ body: 'SSU', title: 'Ny sak', kind: 'drøftingssak' }).number).toBeUndefined();
  });

  it('refuses an empty update', () => {
    expect(UpdateCaseInputSchema.safeParse({}).success).toBe(false);
  });

  it('leaves the sections to the server unless the request lists them', () => {
    expect(
      CreateCaseInputSchema.parse({ body: 'SSU', title: 'Ny sak', kind: 'drøftingssak' }).sections,
    ).toBeUndefined();
    const listed = CreateCaseInputSchema.parse({
      body: 'SSU',
      title: 'Ny sak',
      kind: 'drøftingssak',
      sections: [{ kind: 'annet', title: 'Økonomi', owner: 'shared' }],
    });
    expect(listed.sections).toEqual([{ kind: 'annet', title: 'Økonomi', owner: 'shared' }]);
    expect(
      CreateCaseInputSchema.safeParse({
        body: 'SSU',
        title: 'Ny sak',
        kind: 'drøftingssak',
        sections: [{ kind: 'annet', title: '', owner: 'shared' }],
      }).success,
    ).toBe(false);
  });
});

describe('the standard sections of a new case', () => {
  it('gives a case to decide the papers of sak 04-2022: wording, background, both assessments, introduction', () => {
    expect(defaultSectionsFor('beslutningssak', 'Nordlandssykehuset HF')).toEqual([
      { kind: 'innstilling', title: 'Innstilling til konsensus', owner: 'shared' },
      { kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared' },
      { kind: 'vurdering', title: 'Kommunenes vurdering', owner: 'kommune' },
      { kind: 'vurdering', title: 'Nordlandssykehuset HFs vurdering', owner: 'helseforetak' },
      { kind: 'innledning', title: 'Innledning', owner: 'shared' },
    ]);
  });

  it('gives a case to discuss the same sections, naming its own hospital trust', () => {
    expect(defaultSectionsFor('drøftingssak', 'Helgelandssykehuset HF').map((s) => s.title)).toContain(
      'Helgelandssykehuset HFs vurdering',
    );
  });

  it('gives a case for information only its presentation, with nothing to approve', () => {
    expect(defaultSectionsFor('orienteringssak', 'Nordlandssykehuset HF')).toEqual([
      { kind: 'saksfremstilling', title: 'Saksfremstilling', owner: 'shared' },
    ]);
  });

  it('writes the genitive the Norwegian way', () => {
    expect(genitive('Nordlandssykehuset HF')).toBe('Nordlandssykehuset HFs');
    expect(genitive('Sykehuset Innlandet')).toBe('Sykehuset Innlandets');
    expect(genitive('Lovisenberg Diakonale Sykehus')).toBe("Lovisenberg Diakonale Sykehus'");
  });
});
