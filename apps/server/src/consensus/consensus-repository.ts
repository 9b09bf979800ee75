import type { Approval, ReopenRequest, SectionLock, SectionVersion, Side } from '@samraad/schema';

/** Approvals, locks, one-step agreements, reopen requests and versions of a case. */
export interface ConsensusRepository {
  approvals(caseId: string): Promise<Approval[]>;
  addApproval(input: { caseId: string; side: Side; userId: string; contentHash: string }): Promise<void>;
  /** Voids every approval still standing; returns how many fell away. */
  voidApprovals(caseId: string, reason: NonNullable<Approval['voidReason']>): Promise<number>;
  locks(caseId: string): Promise<SectionLock[]>;
  isLocked(caseId: string, sectionId: string): Promise<boolean>;
  lock(caseId: string, sections: Array<{ sectionId: string; contentHash: string; sealedState: Uint8Array }>): Promise<void>;
  unlockAll(caseId: string): Promise<void>;
  oneStepAgreements(caseId: string): Promise<Side[]>;
  agreeOneStep(caseId: string, side: Side, userId: string): Promise<void>;
  reopenRequests(caseId: string): Promise<ReopenRequest[]>;
  requestReopen(input: { caseId: string; side: Side; userId: string; reason: string }): Promise<void>;
  confirmReopen(requestId: string, userId: string): Promise<void>;
  versions(caseId: string, sectionId: string): Promise<SectionVersion[]>;
  version(versionId: string): Promise<(SectionVersion & { state: Uint8Array }) | null>;
  addVersion(input: { caseId: string; sectionId: string; label: string; kind: 'auto' | 'named'; createdBy: string | null; state: Uint8Array; text: string }): Promise<SectionVersion>;
}
