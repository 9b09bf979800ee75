import { describe, expect, it } from 'vitest';
import { CaseNumberSchema, CaseReferenceSchema, CreateCaseInputSchema, UpdateCaseInputSchema } from './case.js';

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
    expect(CreateCaseInputSchema.parse({ body: 'SSU', title: 'Ny sak', kind: 'drøftingssak', reference: null }).reference).toBeNull();
  });

  it('leaves the number to the server when none is given', () => {
    expect(CreateCaseInputSchema.parse({ body: 'SSU', title: 'Ny sak', kind: 'drøftingssak' }).number).toBeUndefined();
  });

  it('refuses an empty update', () => {
    expect(UpdateCaseInputSchema.safeParse({}).success).toBe(false);
  });
});
