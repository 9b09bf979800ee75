import {
  DECLARATION_REFUSAL_TEXT,
  decideDeclarationSigning,
  decideSignatureWithdrawal,
  defaultSignerTitle,
  type Case,
  type DeclarationPartner,
  type DeclarationRefusal,
  type DeclarationView,
  type Membership,
  type Organisation,
} from '@samraad/schema';
import type { CaseRepository } from '../cases/case-repository.js';
import type { DeclarationRepository } from './declaration-repository.js';

/** A refused signature, answered with a status and the rule's reason. */
export class DeclarationRefused extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    readonly reason: DeclarationRefusal | 'unknown-organisation',
  ) {
    super(reason === 'unknown-organisation' ? 'organisasjonen er ikke partner i helsefellesskapet' : DECLARATION_REFUSAL_TEXT[reason]);
  }
}

/** Hospital trust first (as the partners are listed on the papers), then municipalities by name. */
export function partnerOrder(a: Pick<Organisation, 'side' | 'name'>, b: Pick<Organisation, 'side' | 'name'>): number {
  if (a.side !== b.side) return a.side === 'helseforetak' ? -1 : 1;
  return a.name.localeCompare(b.name, 'nb');
}

export class DeclarationService {
  constructor(private readonly deps: { cases: CaseRepository; declarations: DeclarationRepository }) {}

  async view(found: Case, membership: Pick<Membership, 'role' | 'organisationId'> | null): Promise<DeclarationView> {
    const isDeclaration = await this.deps.declarations.isDeclaration(found.id);
    const community = await this.deps.cases.getCommunity(found.communityId);
    const signatures = isDeclaration ? await this.deps.declarations.signatures(found.id) : [];
    const partners: DeclarationPartner[] = (community?.organisations ?? [])
      .slice()
      .sort(partnerOrder)
      .map((organisation) => ({
        organisationId: organisation.id,
        organisationName: organisation.name,
        side: organisation.side,
        region: organisation.region,
        signature: signatures.find((s) => s.organisationId === organisation.id) ?? null,
      }));
    const own = membership?.organisationId ? partners.find((p) => p.organisationId === membership.organisationId) : undefined;
    const decision = decideDeclarationSigning(membership, {
      organisationId: own?.organisationId ?? '',
      isDeclaration,
      status: found.status,
      alreadySigned: own?.signature != null,
    });
    const withdrawal = decideSignatureWithdrawal(membership, {
      organisationId: own?.organisationId ?? '',
      isDeclaration,
      signed: own?.signature != null,
    });
    const signedCount = partners.filter((p) => p.signature).length;
    return {
      caseId: found.id,
      isDeclaration,
      partners: isDeclaration ? partners : [],
      signedCount,
      missingCount: isDeclaration ? partners.length - signedCount : 0,
      canSignFor: decision.allowed && own ? own.organisationId : null,
      refusal: decision.allowed ? null : decision.reason,
      canWithdrawFor: withdrawal.allowed && own ? own.organisationId : null,
      withdrawals: isDeclaration ? await this.deps.declarations.withdrawals(found.id) : [],
    };
  }

  async sign(
    found: Case,
    signer: { userId: string; membership: Pick<Membership, 'role' | 'organisationId'> | null },
    input: { organisationId: string; signerTitle?: string },
  ): Promise<void> {
    const community = await this.deps.cases.getCommunity(found.communityId);
    const organisation = community?.organisations.find((o) => o.id === input.organisationId);
    if (!organisation) throw new DeclarationRefused(404, 'unknown-organisation');
    const isDeclaration = await this.deps.declarations.isDeclaration(found.id);
    const signatures = isDeclaration ? await this.deps.declarations.signatures(found.id) : [];
    const decision = decideDeclarationSigning(signer.membership, {
      organisationId: organisation.id,
      isDeclaration,
      status: found.status,
      alreadySigned: signatures.some((s) => s.organisationId === organisation.id),
    });
    if (!decision.allowed) throw new DeclarationRefused(statusFor(decision.reason), decision.reason);
    const signed = await this.deps.declarations.sign({
      caseId: found.id,
      organisationId: organisation.id,
      userId: signer.userId,
      signerTitle: input.signerTitle ?? defaultSignerTitle(organisation.side),
    });
    if (!signed) throw new DeclarationRefused(409, 'already-signed');
  }

  async withdraw(found: Case, signer: { userId: string; membership: Pick<Membership, 'role' | 'organisationId'> | null }, organisationId: string): Promise<void> {
    const community = await this.deps.cases.getCommunity(found.communityId);
    if (!community?.organisations.some((o) => o.id === organisationId)) throw new DeclarationRefused(404, 'unknown-organisation');
    const isDeclaration = await this.deps.declarations.isDeclaration(found.id);
    const signatures = isDeclaration ? await this.deps.declarations.signatures(found.id) : [];
    const decision = decideSignatureWithdrawal(signer.membership, {
      organisationId,
      isDeclaration,
      signed: signatures.some((s) => s.organisationId === organisationId),
    });
    if (!decision.allowed) throw new DeclarationRefused(statusFor(decision.reason), decision.reason);
    if (!(await this.deps.declarations.withdraw({ caseId: found.id, organisationId, userId: signer.userId }))) {
      throw new DeclarationRefused(409, 'not-signed');
    }
  }
}

function statusFor(reason: DeclarationRefusal): 403 | 409 {
  const conflicts: DeclarationRefusal[] = ['not-a-declaration', 'not-agreed', 'already-signed', 'not-signed'];
  return conflicts.includes(reason) ? 409 : 403;
}
