import { z } from 'zod';
import type { Case } from './case.js';
import type { Side } from './community.js';
import type { SideRequest } from './consensus.js';

/**
 * Publishing freezes a case: every section's text is recorded as it stood (with its content
 * hash), and from then on the server refuses every change to the text, the sections and the
 * header. The public page and every export read that frozen version, never a live document.
 * A correction is an explicit act: one side asks, with a reason, the other side confirms;
 * that unfreezes the case until the secretariat publishes again, which records a new version.
 */
export interface Publication {
  id: string;
  caseId: string;
  /** 1 for the first publication, 2 for the first corrected one, and so on. */
  sequence: number;
  publishedAt: string;
  /** Null only for cases frozen by the upgrade that introduced publication freezing. */
  publishedBy: string | null;
  publishedByName: string | null;
  /** The correction this publication completes; null for the first publication. */
  correctionId: string | null;
}

/** A request to correct a published case, and its confirmation by the other side. */
export interface CorrectionRequest extends SideRequest {
  /** The publication whose text is to be corrected. */
  publicationId: string;
}

/** GET /api/cases/:caseId/publication and the `publication` case event. */
export interface PublicationState {
  caseId: string;
  /** True while the case is published and no confirmed correction has opened it. */
  frozen: boolean;
  /** Every publication of the case, oldest first. */
  publications: Publication[];
  /** A request waiting for the other side's confirmation. */
  openCorrection: CorrectionRequest | null;
  /** Every correction request, oldest first. */
  corrections: CorrectionRequest[];
}

export const CorrectionRequestInputSchema = z.object({
  reason: z.string().trim().min(3, 'skriv hva som skal rettes og hvorfor').max(2000),
});
export type CorrectionRequestInput = z.infer<typeof CorrectionRequestInputSchema>;

/** The header a publication froze: the case as printed, status aside. */
export type FrozenHeader = Omit<Case, 'status'>;

/**
 * Whether a published case may be corrected on a side's request now: only while frozen,
 * and one request at a time.
 */
export type CorrectionRefusal = 'not-frozen' | 'already-requested' | 'same-side' | 'already-confirmed';

export function decideCorrectionRequest(
  state: Pick<PublicationState, 'frozen' | 'openCorrection'>,
): { allowed: true } | { allowed: false; reason: CorrectionRefusal } {
  if (!state.frozen) return { allowed: false, reason: 'not-frozen' };
  if (state.openCorrection) return { allowed: false, reason: 'already-requested' };
  return { allowed: true };
}

/** The other side confirms; the side that asked cannot open the text on its own. */
export function decideCorrectionConfirm(
  request: Pick<CorrectionRequest, 'side' | 'confirmedAt'>,
  side: Side,
): { allowed: true } | { allowed: false; reason: CorrectionRefusal } {
  if (request.confirmedAt !== null) return { allowed: false, reason: 'already-confirmed' };
  if (request.side === side) return { allowed: false, reason: 'same-side' };
  return { allowed: true };
}
