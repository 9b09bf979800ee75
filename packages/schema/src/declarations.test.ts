import { describe, expect, it } from 'vitest';
import { decideDeclarationSigning, decideSignatureWithdrawal, declarationTextSections } from './declarations.js';

const target = {
  organisationId: 'helgeland-rana',
  isDeclaration: true,
  status: 'publisert' as const,
  alreadySigned: false,
};

describe('signing a declaration', () => {
  it('lets a member of the organisation sign for it, under the title in their profile', () => {
    expect(
      decideDeclarationSigning({ role: 'member', organisationId: 'helgeland-rana', title: 'Kommunedirektør' }, target),
    ).toEqual({ allowed: true });
    expect(decideDeclarationSigning({ role: 'member', organisationId: 'helgeland-rana', title: null }, target)).toEqual(
      { allowed: false, reason: 'no-title' },
    );
    expect(decideDeclarationSigning({ role: 'member', organisationId: 'helgeland-rana', title: '  ' }, target)).toEqual(
      { allowed: false, reason: 'no-title' },
    );
  });

  it('is open only while the case is in konsensus or publisert', () => {
    const member = { role: 'member' as const, organisationId: 'helgeland-rana', title: 'Kommunedirektør' };
    const statuses = ['utkast', 'til_drofting', 'til_beslutning', 'konsensus', 'publisert', 'trukket'] as const;
    const open = statuses.filter((status) => decideDeclarationSigning(member, { ...target, status }).allowed);
    expect(open).toEqual(['konsensus', 'publisert']);
  });

  it('refuses a member of another organisation, observers, the secretariat and admins', () => {
    expect(decideDeclarationSigning({ role: 'member', organisationId: 'helgeland-vefsn' }, target)).toEqual({
      allowed: false,
      reason: 'other-organisation',
    });
    expect(decideDeclarationSigning({ role: 'observer', organisationId: 'helgeland-rana' }, target)).toEqual({
      allowed: false,
      reason: 'observer',
    });
    expect(decideDeclarationSigning({ role: 'secretariat', organisationId: 'helgeland-rana' }, target)).toEqual({
      allowed: false,
      reason: 'not-a-writer',
    });
    expect(decideDeclarationSigning({ role: 'admin', organisationId: null }, target)).toEqual({
      allowed: false,
      reason: 'not-a-writer',
    });
    expect(decideDeclarationSigning(null, target)).toEqual({ allowed: false, reason: 'no-access' });
  });

  it('refuses before the wording is agreed, on an ordinary case, and a second signature', () => {
    const member = { role: 'member' as const, organisationId: 'helgeland-rana', title: 'Kommunedirektør' };
    expect(decideDeclarationSigning(member, { ...target, status: 'til_beslutning' })).toEqual({
      allowed: false,
      reason: 'not-agreed',
    });
    expect(decideDeclarationSigning(member, { ...target, isDeclaration: false })).toEqual({
      allowed: false,
      reason: 'not-a-declaration',
    });
    expect(decideDeclarationSigning(member, { ...target, alreadySigned: true })).toEqual({
      allowed: false,
      reason: 'already-signed',
    });
  });
});

describe('withdrawing a signature', () => {
  const target = { organisationId: 'rana', isDeclaration: true, signed: true };
  const member = { role: 'member', organisationId: 'rana' } as const;

  it('is for a member of the organisation that signed, and only while it has a signature', () => {
    expect(decideSignatureWithdrawal(member, target)).toEqual({ allowed: true });
    expect(decideSignatureWithdrawal(member, { ...target, signed: false })).toEqual({
      allowed: false,
      reason: 'not-signed',
    });
    expect(decideSignatureWithdrawal({ ...member, organisationId: 'vefsn' }, target)).toEqual({
      allowed: false,
      reason: 'other-organisation',
    });
  });

  it('is never for observers, the secretariat, outsiders or an ordinary case', () => {
    expect(decideSignatureWithdrawal({ role: 'observer', organisationId: 'rana' }, target)).toEqual({
      allowed: false,
      reason: 'observer',
    });
    expect(decideSignatureWithdrawal({ role: 'secretariat', organisationId: null }, target)).toEqual({
      allowed: false,
      reason: 'not-a-writer',
    });
    expect(decideSignatureWithdrawal(null, target)).toEqual({ allowed: false, reason: 'no-access' });
    expect(decideSignatureWithdrawal(member, { ...target, isDeclaration: false })).toEqual({
      allowed: false,
      reason: 'not-a-declaration',
    });
  });
});

describe('the text a declaration binds', () => {
  const section = (id: string, kind: 'erklaering' | 'innstilling' | 'bakgrunn', position: number) =>
    ({ id, caseId: 'c', kind, title: id, owner: 'shared', position }) as const;

  it('is every erklaering section in order, else the consensus wording, else nothing', () => {
    expect(
      declarationTextSections([
        section('b', 'erklaering', 3),
        section('i', 'innstilling', 0),
        section('a', 'erklaering', 1),
      ]).map((s) => s.id),
    ).toEqual(['a', 'b']);
    expect(
      declarationTextSections([section('bg', 'bakgrunn', 1), section('i', 'innstilling', 0)]).map((s) => s.id),
    ).toEqual(['i']);
    expect(declarationTextSections([section('bg', 'bakgrunn', 0)])).toEqual([]);
  });
});
