import { describe, expect, it } from 'vitest';
import { decideSectionWrite } from './permissions.js';
import { decideCorrectionConfirm, decideCorrectionRequest } from './publication.js';

describe('writing in a published case', () => {
  it('refuses every role, in every section, with the publication as the reason', () => {
    for (const actor of [
      { role: 'member', side: 'kommune' },
      { role: 'member', side: 'helseforetak' },
      { role: 'secretariat', side: null },
      { role: 'observer', side: null },
    ] as const) {
      for (const owner of ['shared', 'kommune', 'helseforetak'] as const) {
        expect(decideSectionWrite(actor, owner, 'published')).toEqual({ allowed: false, reason: 'published' });
      }
    }
  });

  it('keeps the consensus lock as its own reason, and a boolean as the lock', () => {
    expect(decideSectionWrite({ role: 'member', side: 'kommune' }, 'shared', 'locked')).toEqual({
      allowed: false,
      reason: 'locked',
    });
    expect(decideSectionWrite({ role: 'member', side: 'kommune' }, 'shared', true)).toEqual({
      allowed: false,
      reason: 'locked',
    });
    expect(decideSectionWrite({ role: 'member', side: 'kommune' }, 'shared', null)).toEqual({ allowed: true });
  });
});

describe('correcting a published case', () => {
  const request = { side: 'kommune', confirmedAt: null } as const;

  it('takes a request only while frozen and only one at a time', () => {
    expect(decideCorrectionRequest({ frozen: true, openCorrection: null })).toEqual({ allowed: true });
    expect(decideCorrectionRequest({ frozen: false, openCorrection: null })).toEqual({
      allowed: false,
      reason: 'not-frozen',
    });
    expect(decideCorrectionRequest({ frozen: true, openCorrection: { ...request } as never })).toEqual({
      allowed: false,
      reason: 'already-requested',
    });
  });

  it('is confirmed by the other side only, once', () => {
    expect(decideCorrectionConfirm(request, 'helseforetak')).toEqual({ allowed: true });
    expect(decideCorrectionConfirm(request, 'kommune')).toEqual({ allowed: false, reason: 'same-side' });
    expect(decideCorrectionConfirm({ ...request, confirmedAt: '2024-01-01T00:00:00Z' }, 'helseforetak')).toEqual({
      allowed: false,
      reason: 'already-confirmed',
    });
  });
});
