import { createHash } from 'node:crypto';
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

  it('equals the platform SHA-256 over UTF-8, so approvals stored earlier still match', async () => {
    const wording = '<paragraph>Partene blir enige om å etablere samhandlingsarenaer – også i Bodø og Værøy.</paragraph>';
    expect(await hashConsensusContent(wording)).toBe(createHash('sha256').update(wording, 'utf8').digest('hex'));
    expect(await hashConsensusContent('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
