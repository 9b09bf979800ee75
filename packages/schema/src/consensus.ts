import { z } from 'zod';
import { IdSchema, SideSchema, type Side } from './community.js';

/** The section whose wording both sides approve; the two assessments lock with it. */
export const CONSENSUS_SECTION_KIND = 'innstilling';

/** One side's approval of the exact consensus wording (by its content hash). */
export const ApprovalSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  side: SideSchema,
  userId: IdSchema,
  userName: z.string(),
  contentHash: z.string(),
  approvedAt: z.string(),
  voidedAt: z.string().nullable(),
  /** Why the approval fell away: the text changed, or the lock was reopened. */
  voidReason: z.enum(['text-changed', 'reopened']).nullable(),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ApproveInputSchema = z.object({
  /** The hash of the wording the user saw when approving; a stale one is refused. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'ugyldig innholdsnøkkel'),
});

export const ReopenRequestInputSchema = z.object({
  reason: z.string().trim().min(3, 'skriv hvorfor teksten bør åpnes').max(2000),
});

export interface ReopenRequest {
  id: string;
  caseId: string;
  side: Side;
  requestedBy: string;
  requestedByName: string;
  reason: string;
  requestedAt: string;
  confirmedBy: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
}

export interface SectionLock {
  sectionId: string;
  lockedAt: string;
  contentHash: string;
}

/** The consensus state of a case as every client sees it. */
export interface ConsensusState {
  caseId: string;
  consensusSectionId: string | null;
  currentHash: string | null;
  approvals: Approval[];
  locks: SectionLock[];
  oneStep: { kommune: boolean; helseforetak: boolean };
  openReopenRequest: ReopenRequest | null;
  reopenHistory: ReopenRequest[];
}

export interface SectionVersion {
  id: string;
  caseId: string;
  sectionId: string;
  label: string;
  kind: 'auto' | 'named';
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  text: string;
}

export const NamedVersionInputSchema = z.object({ label: z.string().trim().min(1).max(200) });

export interface WordChange {
  type: 'same' | 'added' | 'removed';
  text: string;
}

export interface DecisionRecord {
  caseId: string;
  caseNumber: string;
  title: string;
  wording: string;
  contentHash: string;
  lockedAt: string;
  approvals: Approval[];
}

/** Word-level diff (longest common subsequence), for "words added and removed". */
export function diffWords(before: string, after: string): WordChange[] {
  const a = before.split(/(\s+)/).filter((t) => t !== '');
  const b = after.split(/(\s+)/).filter((t) => t !== '');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const changes: WordChange[] = [];
  const push = (type: WordChange['type'], text: string) => {
    const last = changes[changes.length - 1];
    if (last && last.type === type) last.text += text;
    else changes.push({ type, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      push('removed', a[i++]!);
    } else {
      push('added', b[j++]!);
    }
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  return changes;
}
