import { describe, expect, it } from 'vitest';
import { formatDate, formatList } from './format.js';

describe('formatDate', () => {
  it('prints ISO dates as dd.mm.yyyy like the case papers', () => {
    expect(formatDate('2022-10-04')).toBe('04.10.2022');
    expect(formatDate('2022-10-25')).toBe('25.10.2022');
  });

  it('keeps the calendar date regardless of time zone', () => {
    expect(formatDate('2023-01-01')).toBe('01.01.2023');
  });

  it('shows anything unexpected as it came rather than inventing a date', () => {
    expect(formatDate('snart')).toBe('snart');
  });
});

describe('formatList', () => {
  it('joins case officers with commas and "og"', () => {
    expect(formatList(['Trude Kristin Kristensen', 'Knut Erik Dahlmo', 'Stian Molvik'])).toBe(
      'Trude Kristin Kristensen, Knut Erik Dahlmo og Stian Molvik',
    );
    expect(formatList(['Kari Nordmann'])).toBe('Kari Nordmann');
    expect(formatList([])).toBe('');
  });
});
