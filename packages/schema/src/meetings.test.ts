import { describe, expect, it } from 'vitest';
import {
  AgendaInputSchema,
  decideMeetingManagement,
  decideMeetingRead,
  formatCaseNumber,
  formatCaseReference,
} from './meetings.js';
import { CaseNumberSchema, CaseReferenceSchema } from './case.js';

describe('meetings', () => {
  it('formats case numbers and references as the papers print them', () => {
    expect(formatCaseNumber(4, 2022)).toBe('04-2022');
    expect(formatCaseNumber(112, 2022)).toBe('112-2022');
    expect(formatCaseReference(7, 2026)).toBe('2026/0007');
    expect(CaseNumberSchema.safeParse(formatCaseNumber(1, 2031)).success).toBe(true);
    expect(CaseReferenceSchema.safeParse(formatCaseReference(2936, 2022)).success).toBe(true);
  });

  it('lets the secretariat manage meetings and everyone in the community read them', () => {
    expect(decideMeetingManagement({ role: 'secretariat', side: null }).allowed).toBe(true);
    expect(decideMeetingManagement({ role: 'member', side: 'kommune' })).toEqual({
      allowed: false,
      reason: 'not-a-writer',
    });
    expect(decideMeetingManagement({ role: 'observer', side: null }).allowed).toBe(false);
    expect(decideMeetingRead({ role: 'observer', side: null }).allowed).toBe(true);
    expect(decideMeetingRead(null).allowed).toBe(false);
  });

  it('refuses an agenda with a case twice', () => {
    expect(AgendaInputSchema.safeParse({ caseIds: ['a', 'b', 'a'] }).success).toBe(false);
  });
});
