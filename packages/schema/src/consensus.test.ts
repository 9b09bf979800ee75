import { describe, expect, it } from 'vitest';
import { consensusContent, hashConsensusContent } from './consensus.js';
import { decideApproval } from './permissions.js';

describe('approval rights', () => {
  const member = { role: 'member', side: 'kommune' } as const;

  it('lets a member approve for their side, never an observer or the secretariat', () => {
    expect(decideApproval(member).allowed).toBe(true);
    expect(decideApproval({ role: 'observer', side: null })).toEqual({ allowed: false, reason: 'observer' });
    expect(decideApproval({ role: 'secretariat', side: null })).toEqual({ allowed: false, reason: 'not-a-writer' });
    expect(decideApproval(null)).toEqual({ allowed: false, reason: 'no-access' });
  });

  it('requires a named approver when the community says so', () => {
    expect(decideApproval(member, { policy: 'named-approver', isNamedApprover: false })).toEqual({ allowed: false, reason: 'not-approver' });
    expect(decideApproval(member, { policy: 'named-approver', isNamedApprover: true }).allowed).toBe(true);
    expect(decideApproval({ role: 'observer', side: null }, { policy: 'named-approver', isNamedApprover: true }).allowed).toBe(false);
  });
});

describe('content hash', () => {
  it('is SHA-256 hex of the exact serialised content', async () => {
    const hash = await hashConsensusContent(consensusContent({ toString: () => '<paragraph>Tekst</paragraph>' }));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashConsensusContent('<paragraph>Tekst</paragraph>')).toBe(hash);
    expect(await hashConsensusContent('<paragraph>Tekst.</paragraph>')).not.toBe(hash);
  });
});
