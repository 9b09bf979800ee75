import { z } from 'zod';
import type { CaseStatus } from './case.js';
import type { Side } from './community.js';
import { CONSENSUS_SECTION_KIND, type SectionBlock } from './consensus.js';
import type { Section } from './section.js';
import type { Role } from './user.js';
import type { RefusalReason } from './permissions.js';

/**
 * A declaration (erklæring, like Vestfjorderklæringen or Helgelandserklæringen) is signed by
 * every partner organisation of the community: each municipality and the hospital trust. One
 * member of an organisation signs for it, in practice the municipal director or the hospital
 * trust's CEO. The title printed under the signature is the signer's own, from their profile,
 * as it was when they signed. Each signature is bound to the hash of the text it signed.
 */
export interface DeclarationSignature {
  organisationId: string;
  organisationName: string;
  side: Side;
  userId: string;
  userName: string;
  /** The signer's title from their profile when they signed: "Kommunedirektør", "Adm. direktør". */
  signerTitle: string;
  signedAt: string;
  /** Hash of the declaration text signed (combinedContent); null for a signature given before texts were sealed. */
  contentHash: string | null;
}

/** One partner organisation and its signature, if given. */
export interface DeclarationPartner {
  organisationId: string;
  organisationName: string;
  side: Side;
  region: string | null;
  signature: DeclarationSignature | null;
}

/** A signature its organisation took back; kept so the declaration's history stays whole. */
export interface DeclarationWithdrawal {
  organisationId: string;
  organisationName: string;
  signedByName: string;
  signerTitle: string;
  signedAt: string;
  withdrawnByName: string;
  withdrawnAt: string;
  contentHash: string | null;
}

/**
 * The text partners sign. Sealed (no one may change it) from the first signature until the
 * last standing signature is withdrawn; before that, the text as it stands.
 */
export interface DeclarationText {
  /** hashConsensusContent(combinedContent(…)) of the sections, in order: send it back when signing. */
  contentHash: string;
  sections: Array<{ sectionId: string; title: string; blocks: SectionBlock[] }>;
  /** When the first signature sealed it, or null while it is open. */
  sealedAt: string | null;
}

/** GET /api/cases/:caseId/declaration. */
export interface DeclarationView {
  caseId: string;
  isDeclaration: boolean;
  /** Hospital trust first, then the municipalities by name. */
  partners: DeclarationPartner[];
  signedCount: number;
  missingCount: number;
  /** The organisation the viewer may sign for now, or null (with the reason). */
  canSignFor: string | null;
  refusal: DeclarationRefusal | null;
  /** The organisation whose signature the viewer may withdraw now, or null. */
  canWithdrawFor: string | null;
  /** Withdrawn signatures, newest first. */
  withdrawals: DeclarationWithdrawal[];
  /** The text that is (or would be) signed; null for an ordinary case or one without such text. */
  text: DeclarationText | null;
}

export const SignDeclarationInputSchema = z.object({
  organisationId: z.string().min(1).max(64),
  /** The hash of the text the signer read (DeclarationText.contentHash); a stale one is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'ugyldig innholdsnøkkel'),
});
export type SignDeclarationInput = z.input<typeof SignDeclarationInputSchema>;

export const MarkDeclarationInputSchema = z.object({ isDeclaration: z.boolean() });

export type DeclarationRefusal =
  | RefusalReason
  | 'not-a-declaration'
  | 'not-agreed'
  | 'other-organisation'
  | 'already-signed'
  | 'not-signed'
  | 'no-title'
  | 'no-text'
  | 'stale-text';

export type DeclarationDecision = { allowed: true } | { allowed: false; reason: DeclarationRefusal };

/** Statuses in which the wording is agreed, so the partners may sign it. */
export const SIGNABLE_STATUSES: readonly CaseStatus[] = ['konsensus', 'publisert'];

/**
 * The sections whose text the partners sign: every section of kind 'erklaering', in order, or,
 * for a case without one, its consensus wording. Sealed together at the first signature.
 */
export function declarationTextSections(sections: readonly Section[]): Section[] {
  const ordered = sections.slice().sort((a, b) => a.position - b.position);
  const declarations = ordered.filter((s) => s.kind === 'erklaering');
  return declarations.length > 0 ? declarations : ordered.filter((s) => s.kind === CONSENSUS_SECTION_KIND);
}

/**
 * Why this person may not act for the organisation on this case at all, or null: signing and
 * withdrawing both need a member of that very organisation, on a declaration.
 */
function speakerRefusal(
  signer: { role: Role; organisationId: string | null } | null,
  target: { organisationId: string; isDeclaration: boolean },
): DeclarationRefusal | null {
  if (!signer) return 'no-access';
  if (!target.isDeclaration) return 'not-a-declaration';
  if (signer.role === 'observer') return 'observer';
  if (signer.role !== 'member') return 'not-a-writer';
  if (signer.organisationId !== target.organisationId) return 'other-organisation';
  return null;
}

/**
 * The one rule for signing a declaration for an organisation, called by the server before it
 * records a signature and by the UI to offer the button. Only a member (not an observer, not
 * the secretariat, not an admin) belonging to that very organisation signs for it, once, and
 * only when the case is a declaration whose wording is agreed (konsensus or publisert). The
 * signer must have a title in their profile: it is printed under the signature.
 */
export function decideDeclarationSigning(
  signer: { role: Role; organisationId: string | null; title?: string | null } | null,
  target: { organisationId: string; isDeclaration: boolean; status: CaseStatus; alreadySigned: boolean },
): DeclarationDecision {
  const refusal = speakerRefusal(signer, target);
  if (refusal) return { allowed: false, reason: refusal };
  if (!SIGNABLE_STATUSES.includes(target.status)) return { allowed: false, reason: 'not-agreed' };
  if (target.alreadySigned) return { allowed: false, reason: 'already-signed' };
  if (!signer?.title?.trim()) return { allowed: false, reason: 'no-title' };
  return { allowed: true };
}

/**
 * The one rule for withdrawing a signature: a member of the organisation that signed takes it
 * back (a signature given by mistake, or by someone who was not the director), also after
 * publication, since signing is open then too. The withdrawal is recorded, not erased.
 */
export function decideSignatureWithdrawal(
  signer: { role: Role; organisationId: string | null } | null,
  target: { organisationId: string; isDeclaration: boolean; signed: boolean },
): DeclarationDecision {
  const refusal = speakerRefusal(signer, target);
  if (refusal) return { allowed: false, reason: refusal };
  if (!target.signed) return { allowed: false, reason: 'not-signed' };
  return { allowed: true };
}
