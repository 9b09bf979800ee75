import type {
  Approval,
  ApprovalVoid,
  Case,
  ConsensusSettings,
  ReopenRequest,
  Section,
  SectionLock,
  SectionSeal,
  SectionVersion,
  Side,
} from '@samraad/schema';

/** What an approval void records besides its reason, so the UI can show the change. */
export interface VoidDetails {
  changedBy: string | null;
  currentHash: string | null;
  currentText: string | null;
}

/** A case with everything its consensus state is made of, as read at one moment. */
export interface ConsensusFacts {
  found: Case;
  sections: Section[];
  approvals: Approval[];
  locks: SectionLock[];
  oneStep: Side[];
  reopenRequests: ReopenRequest[];
  lastVoid: ApprovalVoid | null;
  settings: ConsensusSettings;
}

/** Approvals, locks, one-step agreements, reopen requests and versions of a case. */
export interface ConsensusRepository {
  /** The case and its consensus facts in one read; null when there is no such case. */
  facts(caseId: string): Promise<ConsensusFacts | null>;
  approvals(caseId: string): Promise<Approval[]>;
  addApproval(input: {
    caseId: string;
    side: Side;
    userId: string;
    contentHash: string;
    contentText: string;
  }): Promise<{ id: string; approvedAt: string }>;
  /** Voids every approval still standing and records why; returns how many fell away. */
  voidApprovals(caseId: string, reason: NonNullable<Approval['voidReason']>, details?: VoidDetails): Promise<number>;
  lastVoid(caseId: string): Promise<ApprovalVoid | null>;
  locks(caseId: string): Promise<SectionLock[]>;
  /** What holds the section's text fixed now: its publication freeze or its consensus lock. */
  seal(caseId: string, sectionId: string): Promise<SectionSeal>;
  /** Locks the sections as given; returns the locks written. */
  lock(
    caseId: string,
    sections: ReadonlyArray<{ sectionId: string; contentHash: string; sealedState: Uint8Array }>,
  ): Promise<SectionLock[]>;
  unlockAll(caseId: string): Promise<void>;
  sealedState(caseId: string, sectionId: string): Promise<Uint8Array | null>;
  oneStepAgreements(caseId: string): Promise<Side[]>;
  agreeOneStep(caseId: string, side: Side, userId: string): Promise<void>;
  /** False when the side had no standing agreement (already withdrawn, or never given). */
  withdrawOneStep(caseId: string, side: Side, userId: string): Promise<boolean>;
  reopenRequests(caseId: string): Promise<ReopenRequest[]>;
  requestReopen(input: { caseId: string; side: Side; userId: string; reason: string }): Promise<void>;
  /** False when the request was already confirmed (by someone faster). */
  confirmReopen(requestId: string, userId: string): Promise<boolean>;
  versions(caseId: string, sectionId: string): Promise<SectionVersion[]>;
  version(versionId: string): Promise<(SectionVersion & { state: Uint8Array }) | null>;
  /** The last person whose change to a section was stored (the audit log's newest update). */
  lastEditor(caseId: string, sectionId: string): Promise<string | null>;
  /** Who changed a section between two instants, from the audit log. */
  authorsBetween(
    caseId: string,
    sectionId: string,
    from: string,
    to: string,
  ): Promise<Array<{ userId: string; name: string }>>;
  settings(communityId: string): Promise<ConsensusSettings>;
  saveSettings(settings: {
    communityId: string;
    policy: ConsensusSettings['policy'];
    approvers: Array<{ side: Side; userId: string }>;
  }): Promise<void>;
  /** `authors`: for a version closing an editing session, whose updates were accepted in it. */
  addVersion(input: {
    caseId: string;
    sectionId: string;
    label: string;
    kind: 'auto' | 'named';
    createdBy: string | null;
    state: Uint8Array;
    text: string;
    authors?: readonly string[];
  }): Promise<SectionVersion>;
  /** Several versions in one write (a unit of work's versions). */
  addVersions(inputs: ReadonlyArray<Parameters<ConsensusRepository['addVersion']>[0]>): Promise<SectionVersion[]>;
}
