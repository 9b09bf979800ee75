import { describe, expect, it } from 'vitest';
import {
  decideCaseManagement,
  decideComment,
  decideCommentChange,
  decideProposal,
  decideProposalDecision,
  decideSectionWrite,
  decideThreadStatus,
  type Actor,
} from './permissions.js';

const kommune: Actor = { role: 'member', side: 'kommune' };
const sykehus: Actor = { role: 'member', side: 'helseforetak' };
const observer: Actor = { role: 'observer', side: null };
const secretariat: Actor = { role: 'secretariat', side: null };

describe('decideSectionWrite', () => {
  it('lets a member write its own side and shared sections', () => {
    expect(decideSectionWrite(kommune, 'kommune')).toEqual({ allowed: true });
    expect(decideSectionWrite(kommune, 'shared')).toEqual({ allowed: true });
    expect(decideSectionWrite(sykehus, 'helseforetak')).toEqual({ allowed: true });
  });

  it("refuses a member the other side's assessment", () => {
    expect(decideSectionWrite(kommune, 'helseforetak')).toEqual({ allowed: false, reason: 'other-side' });
    expect(decideSectionWrite(sykehus, 'kommune')).toEqual({ allowed: false, reason: 'other-side' });
  });

  it('never lets an observer write', () => {
    for (const owner of ['kommune', 'helseforetak', 'shared'] as const) {
      expect(decideSectionWrite(observer, owner)).toEqual({ allowed: false, reason: 'observer' });
    }
  });

  it('lets the secretariat write shared text only', () => {
    expect(decideSectionWrite(secretariat, 'shared').allowed).toBe(true);
    expect(decideSectionWrite(secretariat, 'kommune').allowed).toBe(false);
  });

  it('refuses anyone without a membership', () => {
    expect(decideSectionWrite(null, 'shared')).toEqual({ allowed: false, reason: 'no-access' });
  });
});

describe('decideCaseManagement', () => {
  it('is for the secretariat and admins', () => {
    expect(decideCaseManagement(secretariat).allowed).toBe(true);
    expect(decideCaseManagement({ role: 'admin', side: null }).allowed).toBe(true);
    expect(decideCaseManagement(kommune).allowed).toBe(false);
    expect(decideCaseManagement(observer).allowed).toBe(false);
  });
});

describe('comment permissions', () => {
  it('lets observers comment but not outsiders', () => {
    expect(decideComment(observer).allowed).toBe(true);
    expect(decideComment(null).allowed).toBe(false);
  });

  it('lets only the author change a comment', () => {
    expect(decideCommentChange('u1', 'u1').allowed).toBe(true);
    expect(decideCommentChange('u2', 'u1')).toEqual({ allowed: false, reason: 'not-author' });
  });

  it('lets the thread author, the secretariat and the owning side resolve', () => {
    expect(decideThreadStatus(observer, 'o1', 'o1', 'kommune').allowed).toBe(true);
    expect(decideThreadStatus(observer, 'o1', 'u9', 'kommune').allowed).toBe(false);
    expect(decideThreadStatus(secretariat, 's1', 'u9', 'helseforetak').allowed).toBe(true);
    expect(decideThreadStatus(kommune, 'k1', 'u9', 'kommune').allowed).toBe(true);
    expect(decideThreadStatus(kommune, 'k1', 'u9', 'helseforetak').allowed).toBe(false);
    expect(decideThreadStatus(sykehus, 'h1', 'u9', 'shared').allowed).toBe(true);
  });
});

describe('proposals', () => {
  it('may be made by everyone who may comment, observers included, and nobody outside', () => {
    for (const actor of [kommune, sykehus, observer, secretariat]) expect(decideProposal(actor).allowed).toBe(true);
    expect(decideProposal(null)).toEqual({ allowed: false, reason: 'no-access' });
  });

  it('are accepted or rejected only by someone who may write the section', () => {
    for (const decision of ['accepted', 'rejected'] as const) {
      expect(decideProposalDecision(kommune, 'kommune', decision)).toEqual({ allowed: true });
      expect(decideProposalDecision(sykehus, 'kommune', decision)).toEqual({ allowed: false, reason: 'other-side' });
      expect(decideProposalDecision(observer, 'shared', decision)).toEqual({ allowed: false, reason: 'observer' });
    }
  });

  it('are not accepted into sealed text, but may still be rejected there', () => {
    expect(decideProposalDecision(kommune, 'shared', 'accepted', 'locked')).toEqual({
      allowed: false,
      reason: 'locked',
    });
    expect(decideProposalDecision(kommune, 'shared', 'accepted', 'published')).toEqual({
      allowed: false,
      reason: 'published',
    });
    expect(decideProposalDecision(kommune, 'shared', 'rejected', 'locked')).toEqual({ allowed: true });
  });
});
