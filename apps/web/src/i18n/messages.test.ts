import { describe, expect, it } from 'vitest';
import { CaseKindSchema, CaseStatusSchema } from '@samraad/schema';
import { caseHeading, format, kindLabel, messages, ownerLabel, readOnlyReason, statusLabel } from './messages.js';

describe('messages', () => {
  it('fills placeholders by name', () => {
    expect(format(messages.start.hospital, { hospital: 'Nordlandssykehuset HF' })).toBe(
      'Helseforetak: Nordlandssykehuset HF',
    );
    expect(caseHeading('Partnerskapsmøte', '04-2022')).toBe('Partnerskapsmøte sak 04-2022');
  });

  it('names every case status and kind in Norwegian', () => {
    expect(CaseStatusSchema.options.map(statusLabel)).toEqual([
      'Utkast',
      'Til drøfting',
      'Til beslutning',
      'Konsensus',
      'Publisert',
      'Trukket',
    ]);
    expect(CaseKindSchema.options.map(kindLabel)).toEqual(['Beslutningssak', 'Drøftingssak', 'Orienteringssak']);
  });

  it('says who writes a section, naming the hospital trust', () => {
    expect(ownerLabel('kommune', 'Nordlandssykehuset HF')).toBe('Skrives av kommunene');
    expect(ownerLabel('helseforetak', 'Nordlandssykehuset HF')).toBe('Skrives av Nordlandssykehuset HF');
    expect(ownerLabel('shared', 'Nordlandssykehuset HF')).toBe('Felles tekst');
  });

  it('explains a read-only section in the words the sides use', () => {
    expect(readOnlyReason('other-side', 'helseforetak', 'Nordlandssykehuset HF')).toBe(
      'Bare Nordlandssykehuset HF skriver i denne vurderingen.',
    );
    expect(readOnlyReason('other-side', 'kommune', 'Nordlandssykehuset HF')).toBe('Bare kommunene skriver i denne vurderingen.');
    expect(readOnlyReason('observer', 'shared', 'Nordlandssykehuset HF')).toMatch(/Observatører leser og kommenterer/);
  });
});
