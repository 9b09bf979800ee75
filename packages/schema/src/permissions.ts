import type { Side } from './community.js';
import type { Role } from './user.js';
import type { SectionOwner } from './section.js';
import type { ApprovalPolicy } from './consensus.js';

/** Who is acting, as far as permissions care: their role and side in the case's community. */
export interface Actor {
  role: Role;
  side: Side | null;
}

/** Why something is refused; the UI turns the code into a sentence. */
export type RefusalReason =
  'observer' | 'other-side' | 'not-a-writer' | 'no-access' | 'not-author' | 'locked' | 'published' | 'not-approver';

/**
 * What holds a section's text fixed: the consensus lock ('locked', the agreed wording and
 * assessments), or the case's publication ('published', every section until a confirmed
 * correction). A boolean is read as the consensus lock.
 */
export type SectionSeal = 'locked' | 'published' | null;

export type Decision = { allowed: true } | { allowed: false; reason: RefusalReason };

const ALLOWED: Decision = { allowed: true };
const refuse = (reason: RefusalReason): Decision => ({ allowed: false, reason });

/**
 * The one rule for writing section text, called by the server on every incoming update and
 * by the UI to decide whether an editor is editable. Members write their own side's sections
 * and shared ones; the secretariat writes shared sections; observers never write text;
 * nobody writes a locked section, and nobody writes any section of a published case.
 */
export function decideSectionWrite(
  actor: Actor | null,
  owner: SectionOwner,
  seal: SectionSeal | boolean = false,
): Decision {
  if (!actor) return refuse('no-access');
  // Published text is fixed for everyone until both sides agree to correct it.
  if (seal === 'published') return refuse('published');
  // Agreed wording is fixed for everyone until both sides reopen it.
  if (seal) return refuse('locked');
  switch (actor.role) {
    case 'observer':
      return refuse('observer');
    case 'admin':
      return refuse('not-a-writer');
    case 'secretariat':
      return owner === 'shared' ? ALLOWED : refuse('other-side');
    case 'member':
      if (owner === 'shared' || owner === actor.side) return ALLOWED;
      return refuse('other-side');
  }
}

/** Creating cases, editing their header and their list of sections. */
export function decideCaseManagement(actor: Actor | null): Decision {
  if (!actor) return refuse('no-access');
  return actor.role === 'secretariat' || actor.role === 'admin' ? ALLOWED : refuse('not-a-writer');
}

/** Inviting people into a community and setting their role. */
export function decideInvitation(actor: Actor | null): Decision {
  return decideCaseManagement(actor);
}

/** The actor a user is within one community, or null when they do not belong to it. */
export function actorIn(
  memberships: ReadonlyArray<{ communityId: string; role: Role; side: Side | null }>,
  communityId: string,
): Actor | null {
  const membership = memberships.find((m) => m.communityId === communityId);
  return membership ? { role: membership.role, side: membership.side } : null;
}

/** Starting or replying to a comment thread: everyone in the community, observers included. */
export function decideComment(actor: Actor | null): Decision {
  return actor ? ALLOWED : refuse('no-access');
}

/**
 * Proposing a replacement of some words ("Foreslå endring"): whoever may comment, because a
 * proposal changes nothing until someone who may write the text accepts it.
 */
export function decideProposal(actor: Actor | null): Decision {
  return decideComment(actor);
}

/**
 * Accepting a proposal is writing its replacement into the text, so it is the section's write
 * rule as it stands (a locked or published text refuses it). Rejecting writes nothing, so the
 * seal does not matter: whoever could write the section when it is open may turn a proposal down.
 */
export function decideProposalDecision(
  actor: Actor | null,
  owner: SectionOwner,
  decision: 'accepted' | 'rejected',
  seal: SectionSeal | boolean = false,
): Decision {
  return decideSectionWrite(actor, owner, decision === 'accepted' ? seal : false);
}

/** Editing or deleting a comment: only its author. */
export function decideCommentChange(userId: string, authorId: string): Decision {
  return userId === authorId ? ALLOWED : refuse('not-author');
}

/**
 * Resolving or reopening a thread: whoever started it, the secretariat, or a member of the
 * side that owns the section (either side for shared text).
 */
export function decideThreadStatus(
  actor: Actor | null,
  userId: string,
  threadAuthorId: string,
  owner: SectionOwner,
): Decision {
  if (!actor) return refuse('no-access');
  if (userId === threadAuthorId || actor.role === 'secretariat') return ALLOWED;
  if (actor.role === 'member' && (owner === 'shared' || owner === actor.side)) return ALLOWED;
  return refuse('not-author');
}

/**
 * Approving the consensus wording, or agreeing to one-step handling, for one's side. When
 * the community requires named approvers, only someone named for their side may do it.
 */
export function decideApproval(
  actor: Actor | null,
  requirement: { policy: ApprovalPolicy; isNamedApprover: boolean } = { policy: 'any-member', isNamedApprover: false },
): Decision {
  if (!actor) return refuse('no-access');
  if (actor.role === 'observer') return refuse('observer');
  if (actor.role !== 'member' || !actor.side) return refuse('not-a-writer');
  if (requirement.policy === 'named-approver' && !requirement.isNamedApprover) return refuse('not-approver');
  return ALLOWED;
}
