import { describe, expect, it } from 'vitest';
import { decideTransition, nextStatuses } from './case-flow.js';
import { diffWords } from './consensus.js';

const decision = { kind: 'beslutningssak', oneStepAgreed: false } as const;

describe('case flow', () => {
  it('takes a consensus case through a discussion round, then a decision round', () => {
    expect(decideTransition('utkast', 'til_drofting', decision).allowed).toBe(true);
    expect(decideTransition('til_drofting', 'til_beslutning', decision).allowed).toBe(true);
  });

  it('refuses one-step handling unless both sides agreed', () => {
    expect(decideTransition('utkast', 'til_beslutning', decision)).toEqual({
      allowed: false,
      reason: 'needs-two-steps',
    });
    expect(decideTransition('utkast', 'til_beslutning', { ...decision, oneStepAgreed: true }).allowed).toBe(true);
  });

  it('never lets anyone set konsensus by hand, and publishes only after it', () => {
    expect(decideTransition('til_beslutning', 'konsensus', decision).allowed).toBe(false);
    expect(decideTransition('utkast', 'publisert', decision)).toEqual({ allowed: false, reason: 'needs-consensus' });
    expect(decideTransition('konsensus', 'publisert', decision).allowed).toBe(true);
    expect(nextStatuses('publisert', decision)).toEqual([]);
  });

  it('publishes an information case without rounds', () => {
    const info = { kind: 'orienteringssak', oneStepAgreed: false } as const;
    expect(nextStatuses('utkast', info)).toEqual(['publisert', 'trukket']);
  });

  it('can withdraw and reinstate', () => {
    expect(decideTransition('til_drofting', 'trukket', decision).allowed).toBe(true);
    expect(decideTransition('trukket', 'utkast', decision).allowed).toBe(true);
    expect(decideTransition('konsensus', 'trukket', decision).allowed).toBe(false);
  });
});

describe('diffWords', () => {
  it('marks words added and removed', () => {
    expect(diffWords('SSU legge til rette for arenaer', 'SSU legge godt til rette for lokale arenaer')).toEqual([
      { type: 'same', text: 'SSU legge ' },
      { type: 'added', text: 'godt ' },
      { type: 'same', text: 'til rette for ' },
      { type: 'added', text: 'lokale ' },
      { type: 'same', text: 'arenaer' },
    ]);
    expect(diffWords('a b', 'a')).toEqual([
      { type: 'same', text: 'a' },
      { type: 'removed', text: ' b' },
    ]);
  });
});
