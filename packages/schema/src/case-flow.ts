import type { CaseKind, CaseStatus } from './case.js';

/**
 * The case flow as one state machine, used by the server to enforce and by the UI to offer
 * only the moves that are possible. Cases needing consensus go through a discussion round
 * and then a decision round; one-step handling only when both sides have agreed to it.
 * `konsensus` is never chosen by hand: the server enters it when both sides approve.
 */
export interface FlowContext {
  kind: CaseKind;
  /** Both sides have agreed to handle this case in one step. */
  oneStepAgreed: boolean;
}

export type TransitionRefusal = 'not-a-transition' | 'needs-two-steps' | 'needs-consensus' | 'no-approval-needed';

export type TransitionDecision = { allowed: true } | { allowed: false; reason: TransitionRefusal };

const MANUAL: Record<CaseStatus, readonly CaseStatus[]> = {
  utkast: ['til_drofting', 'til_beslutning', 'publisert', 'trukket'],
  til_drofting: ['til_beslutning', 'utkast', 'trukket'],
  til_beslutning: ['til_drofting', 'trukket'],
  konsensus: ['publisert'],
  publisert: [],
  trukket: ['utkast'],
};

export function needsConsensus(kind: CaseKind): boolean {
  return kind !== 'orienteringssak';
}

export function decideTransition(from: CaseStatus, to: CaseStatus, context: FlowContext): TransitionDecision {
  if (!MANUAL[from].includes(to)) return { allowed: false, reason: 'not-a-transition' };
  if (!needsConsensus(context.kind)) {
    // An information case is published as it is; it has no rounds and no approvals.
    return to === 'publisert' || to === 'trukket' || to === 'utkast'
      ? { allowed: true }
      : { allowed: false, reason: 'no-approval-needed' };
  }
  if (from === 'utkast' && to === 'publisert') return { allowed: false, reason: 'needs-consensus' };
  if (from === 'utkast' && to === 'til_beslutning' && !context.oneStepAgreed)
    return { allowed: false, reason: 'needs-two-steps' };
  return { allowed: true };
}

/** Every status the secretariat may move the case to now. */
export function nextStatuses(from: CaseStatus, context: FlowContext): CaseStatus[] {
  return MANUAL[from].filter((to) => decideTransition(from, to, context).allowed);
}
