import { describe, expect, it } from 'vitest';
import { decideDeclarationSigning } from './declarations.js';

const target = { organisationId: 'helgeland-rana', isDeclaration: true, status: 'publisert' as const, alreadySigned: false };

describe('signing a declaration', () => {
  it('lets a member of the organisation sign for it', () => {
    expect(decideDeclarationSigning({ role: 'member', organisationId: 'helgeland-rana' }, target)).toEqual({ allowed: true });
  });

  it('refuses a member of another organisation, observers, the secretariat and admins', () => {
    expect(decideDeclarationSigning({ role: 'member', organisationId: 'helgeland-vefsn' }, target)).toEqual({ allowed: false, reason: 'other-organisation' });
    expect(decideDeclarationSigning({ role: 'observer', organisationId: 'helgeland-rana' }, target)).toEqual({ allowed: false, reason: 'observer' });
    expect(decideDeclarationSigning({ role: 'secretariat', organisationId: 'helgeland-rana' }, target)).toEqual({ allowed: false, reason: 'not-a-writer' });
    expect(decideDeclarationSigning({ role: 'admin', organisationId: null }, target)).toEqual({ allowed: false, reason: 'not-a-writer' });
    expect(decideDeclarationSigning(null, target)).toEqual({ allowed: false, reason: 'no-access' });
  });

  it('refuses before the wording is agreed, on an ordinary case, and a second signature', () => {
    const member = { role: 'member' as const, organisationId: 'helgeland-rana' };
    expect(decideDeclarationSigning(member, { ...target, status: 'til_beslutning' })).toEqual({ allowed: false, reason: 'not-agreed' });
    expect(decideDeclarationSigning(member, { ...target, isDeclaration: false })).toEqual({ allowed: false, reason: 'not-a-declaration' });
    expect(decideDeclarationSigning(member, { ...target, alreadySigned: true })).toEqual({ allowed: false, reason: 'already-signed' });
  });
});
