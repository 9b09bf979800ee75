import { describe, expect, it } from 'vitest';
import { CaseKindSchema, CaseStatusSchema } from '@samraad/schema';
import {
  caseHeading,
  format,
  formatPlural,
  kindLabel,
  messages,
  ownerLabel,
  readOnlyReason,
  statusLabel,
} from './messages.js';
import { meetingMessages } from '../meetings/meetingMessages.js';

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
    expect(readOnlyReason('other-side', 'kommune', 'Nordlandssykehuset HF')).toBe(
      'Bare kommunene skriver i denne vurderingen.',
    );
    expect(readOnlyReason('observer', 'shared', 'Nordlandssykehuset HF')).toMatch(/Observatører leser og kommenterer/);
  });

  it('makes counted nouns agree with their number: singular for one, plural for none and many', () => {
    const open = (n: number) => formatPlural(messages.comments.openCount, n, {});
    expect([open(0), open(1), open(2), open(11)]).toEqual([
      '0 åpne kommentarer',
      '1 åpen kommentar',
      '2 åpne kommentarer',
      '11 åpne kommentarer',
    ]);
    const agenda = (n: number) => formatPlural(messages.overview.agendaCount, n, {});
    expect([agenda(0), agenda(1), agenda(3)]).toEqual([
      '0 saker på sakslisten',
      '1 sak på sakslisten',
      '3 saker på sakslisten',
    ]);
    // Counted by the total: "1 av 1 sak", "0 av 2 saker".
    const pulled = (count: number, total: number) => formatPlural(meetingMessages.pulled, total, { count, total });
    expect([pulled(1, 1), pulled(0, 2)]).toEqual(['Vedtak hentet for 1 av 1 sak.', 'Vedtak hentet for 0 av 2 saker.']);
    const signed = (count: number, total: number) =>
      formatPlural(messages.papers.signedCount, total, { signed: count, total });
    expect([signed(0, 1), signed(3, 18)]).toEqual(['0 av 1 partner har signert', '3 av 18 partnere har signert']);
  });
});
