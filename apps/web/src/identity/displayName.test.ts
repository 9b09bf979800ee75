import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, checkDisplayName } from './displayName.js';

describe('checkDisplayName', () => {
  it('tidies whitespace', () => {
    expect(checkDisplayName('  Kari   Nordmann ')).toEqual({ ok: true, name: 'Kari Nordmann' });
  });

  it('asks for a name when none is given', () => {
    expect(checkDisplayName('   ')).toEqual({ ok: false, problem: 'Skriv inn navnet ditt.' });
  });

  it('refuses names too long for a caret label', () => {
    const check = checkDisplayName('x'.repeat(MAX_NAME_LENGTH + 1));
    expect(check.ok).toBe(false);
  });
});
