import {
  CONSENSUS_SECTION_KIND,
  SIDES,
  locksWithConsensus,
  decideApproval,
  decideCaseManagement,
  decideTransition,
  needsConsensus,
  nextStatuses,
  sectionRoomName,
  type Actor,
  type Case,
  type CaseStatus,
  type ConsensusSettings,
  type ConsensusSettingsInput,
  type ConsensusState,
  type Decision,
  type DecisionRecord,
  type Section,
  type SectionVersion,
  type Side,
} from '@samraad/schema';
import * as Y from 'yjs';
import type { AuditLog } from '../audit/audit-log.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { CaseEvents } from '../events/case-events.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { SectionRoom } from '../rooms/section-room.js';
import { readBlocks, sectionText } from '../sections/content.js';
import type { UserRepository } from '../users/user-repository.js';
import { hashSection, loadSection } from './section-state.js';
import type { ConsensusFacts, ConsensusRepository } from './consensus-repository.js';
import { requireCase } from '../cases/require-case.js';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../errors/domain-errors.js';
import { faultPoint } from '../faults/fault-point.js';
import { applyStored } from '../persistence/stored-state.js';
import type { VersionOf, VersionService } from '../versions/version-service.js';
import type { PublicationService } from '../publication/publication-service.js';
import type { ConsensusTransaction, SealingUnitOfWork, UnitOfWork } from './unit-of-work.js';
import type { CaseNotices } from '../notifications/case-notices.js';
import type { Told } from '../notifications/notifier.js';

/** The logged-in person acting through the API, with their actor in the case's community. */
export interface Acting {
  userId: string;
  name: string;
  actor: Actor;
}

/** Who the caller is in a case's community, once the case is read; null when they may not read it. */
export type ActingIn = (found: Case) => Acting | null;

export interface ConsensusDependencies {
  audit: AuditLog;
  cases: CaseRepository;
  consensus: ConsensusRepository;
  rooms: RoomRegistry;
  documents: DocumentStore;
  caseEvents: CaseEvents;
  users: UserRepository;
  versions: VersionService;
  publication: PublicationService;
  /** One database transaction for the writes of a consensus step (see unit-of-work.ts). */
  unitOfWork: UnitOfWork;
  /** One transaction that also holds the fences of the rooms it seals and reads them as stored. */
  sealing: SealingUnitOfWork;
  /** Writes the notices of each fact in its transaction; absent in tests that need no notices. */
  notices?: CaseNotices;
}

const STATUS_LABELS: Record<CaseStatus, string> = {
  utkast: 'utkast',
  til_drofting: 'til drøfting',
  til_beslutning: 'til beslutning',
  konsensus: 'konsensus oppnådd',
  publisert: 'publisert',
  trukket: 'trukket',
};

const SIDE_LABELS: Record<Side, string> = { kommune: 'kommunene', helseforetak: 'helseforetaket' };

function refuseUnless(decision: Decision): void {
  if (!decision.allowed) throw Forbidden.because(decision.reason);
}

/** The sections that lock with the consensus wording: it, and each side's assessment. */
export function lockedSectionsOf(sections: readonly Section[]): Section[] {
  return sections.filter(locksWithConsensus);
}

/**
 * The consensus state as clients see it, from facts read at one moment and the wording's
 * hash (null without a wording section).
 */
export function consensusStateOf(facts: ConsensusFacts, currentHash: string | null): ConsensusState {
  const { found, settings } = facts;
  const section = facts.sections.find((s) => s.kind === CONSENSUS_SECTION_KIND) ?? null;
  const oneStep = {
    kommune: facts.oneStep.includes('kommune'),
    helseforetak: facts.oneStep.includes('helseforetak'),
  };
  return {
    caseId: found.id,
    status: found.status,
    needsConsensus: needsConsensus(found.kind),
    consensusSectionId: section?.id ?? null,
    currentHash,
    approvals: facts.approvals,
    locks: facts.locks,
    oneStep,
    openReopenRequest: facts.reopenRequests.find((r) => r.confirmedAt === null) ?? null,
    reopenHistory: facts.reopenRequests,
    lastVoid: facts.lastVoid,
    policy: settings.policy,
    approvers: settings.approvers,
    nextStatuses: nextStatuses(found.status, {
      kind: found.kind,
      oneStepAgreed: oneStep.kommune && oneStep.helseforetak,
    }),
  };
}

/** A section's stored parts as a document; the caller destroys it. */
function docOf(stored: readonly Uint8Array[] | undefined): Y.Doc {
  const doc = new Y.Doc();
  applyStored(doc, stored ?? []);
  return doc;
}

/**
 * Approval, locking, reopening, one-step agreements and the case flow. Everything that reads
 * the consensus wording and acts on it runs inside that section's room, between two of its
 * messages, so an edit and an approval are always ordered one way or the other.
 */
export class ConsensusService {
  /** Whether a live room holds the consensus wording (the only text whose change voids approvals). */
  private readonly wordingRooms = new WeakMap<SectionRoom, boolean>();

  constructor(private readonly deps: ConsensusDependencies) {}

  async consensusSection(caseId: string): Promise<Section | null> {
    return (await this.deps.cases.listSections(caseId)).find((s) => s.kind === CONSENSUS_SECTION_KIND) ?? null;
  }

  /** The case's consensus facts, refusing a case that does not exist. */
  private async requireFacts(consensus: ConsensusRepository, caseId: string): Promise<ConsensusFacts> {
    const facts = await consensus.facts(caseId);
    if (!facts) throw new NotFound('Saken');
    return facts;
  }

  /** `knownHash` saves reading the wording when the caller has just hashed it. */
  async state(caseId: string, knownHash?: string | null): Promise<ConsensusState> {
    const facts = await this.requireFacts(this.deps.consensus, caseId);
    const section = facts.sections.find((s) => s.kind === CONSENSUS_SECTION_KIND);
    let currentHash = knownHash ?? null;
    if (knownHash === undefined && section) {
      const doc = await loadSection(this.deps.documents, caseId, section.id);
      currentHash = await hashSection(doc);
      doc.destroy();
    }
    return consensusStateOf(facts, currentHash);
  }

  /**
   * Room hook, inside the room's queue after a change was stored: a change to the consensus
   * wording voids every approval of other wording before the next message is handled.
   */
  async onSectionChanged(room: SectionRoom): Promise<void> {
    const { caseId, sectionId } = room.sectionId;
    const { consensus, cases } = this.deps;
    // A section's kind never changes, so each room asks once; most rooms are not the wording.
    let isWording = this.wordingRooms.get(room);
    if (isWording === undefined) {
      isWording = (await cases.getSection(caseId, sectionId))?.kind === CONSENSUS_SECTION_KIND;
      this.wordingRooms.set(room, isWording);
    }
    if (!isWording) return;
    const active = (await consensus.approvals(caseId)).filter((a) => a.voidedAt === null);
    if (active.length === 0) return;
    const currentHash = await hashSection(room.doc);
    if (active.every((a) => a.contentHash === currentHash)) return;
    await this.deps.audit.flush();
    const changedBy = await consensus.lastEditor(caseId, sectionId);
    // The approvers learn why in the same transaction: a voided approval always has its notice.
    const told = await this.deps.unitOfWork(async (tx) => {
      await tx.consensus.voidApprovals(caseId, 'text-changed', {
        changedBy,
        currentHash,
        currentText: sectionText(room.doc),
      });
      return this.deps.notices?.approvalsDropped(tx.sql, caseId, active, changedBy);
    });
    await this.publish(caseId, currentHash);
    told?.announce();
  }

  /**
   * Approves the consensus wording for the actor's side, if it is still exactly the wording
   * the user saw (`expectedHash`). When both sides have approved the same wording, locks it
   * and both assessments and moves the case to konsensus.
   *
   * One unit of work either way. The wording's and the assessments' rooms are held quiet on
   * this instance (edits here wait) and their fences in the database (edits stored from any
   * instance wait, and are refused once sealed); inside that one transaction the case's facts
   * and the three documents are read as stored, and the approval, the locks, the status and
   * the versions written. What is sealed is therefore exactly what stays, and a crash leaves
   * all of it or none. The answer is built from what the transaction read and wrote.
   */
  async approve(caseId: string, actingIn: Acting | ActingIn, expectedHash: string): Promise<ConsensusState> {
    const before = await this.requireFacts(this.deps.consensus, caseId);
    const acting = typeof actingIn === 'function' ? actingIn(before.found) : actingIn;
    if (!acting) throw new NotFound('Saken');
    approverCheck(before.settings, acting);
    const section = before.sections.find((s) => s.kind === CONSENSUS_SECTION_KIND);
    if (!section) throw new Conflict('no_consensus_section');
    // The wording first, then the assessments: the order publication takes them in too.
    const sealed = [section, ...lockedSectionsOf(before.sections).filter((s) => s.id !== section.id)];
    const rooms = sealed.map((s) => sectionRoomName({ caseId, sectionId: s.id }));
    const outcome = await this.deps.rooms.whileQuiet(rooms, async (open) => {
      await this.deps.audit.flush();
      return this.deps.sealing(rooms, async (tx) => {
        const facts = await this.requireFacts(tx.consensus, caseId);
        const now = facts.found;
        if (!needsConsensus(now.kind)) throw new Conflict('no_approval_needed');
        if (now.status !== 'til_beslutning') throw new Conflict('not_in_decision');
        if (facts.locks.some((l) => l.sectionId === section.id)) throw new Conflict('locked');
        const stored = await tx.stored(rooms);
        const docs = rooms.map((room) => docOf(stored.get(room)));
        try {
          return await this.approveIn(tx, { facts, acting, expectedHash, sealed, docs, live: open.get(rooms[0]!) });
        } finally {
          for (const doc of docs) doc.destroy();
        }
      });
    });
    // Committed: only now does anyone hear of it.
    this.deps.versions.announce(outcome.versions);
    if (outcome.state.status === 'konsensus') {
      this.deps.caseEvents.publish(caseId, { type: 'case', data: outcome.found });
      outcome.told?.announce();
    }
    this.deps.caseEvents.publish(caseId, { type: 'consensus', data: outcome.state });
    return outcome.state;
  }

  /**
   * The approval's writes, inside its transaction: `docs` are the `sealed` sections as stored
   * (the wording first), `live` the wording's room when it is open on this instance.
   */
  private async approveIn(
    tx: ConsensusTransaction,
    input: {
      facts: ConsensusFacts;
      acting: Acting;
      expectedHash: string;
      sealed: readonly Section[];
      docs: readonly Y.Doc[];
      live: SectionRoom | undefined;
    },
  ): Promise<{ state: ConsensusState; versions: SectionVersion[]; found: Case; told: Told | undefined }> {
    const { facts, acting, expectedHash, sealed, docs, live } = input;
    const caseId = facts.found.id;
    const side = acting.actor.side!;
    const wording = docs[0]!;
    const storedHash = await hashSection(wording);
    // With several instances, this room's copy may lag an edit another instance stored; the
    // stored document must be the approved wording too.
    const liveHash = live ? await hashSection(live.doc) : storedHash;
    if (liveHash !== expectedHash || storedHash !== expectedHash) throw new Conflict('stale_content');
    const active = facts.approvals.filter((a) => a.voidedAt === null && a.contentHash === storedHash);
    const approvals = [...facts.approvals];
    const versions: VersionOf[] = [];
    if (!active.some((a) => a.side === side)) {
      const written = await tx.consensus.addApproval({
        caseId,
        side,
        userId: acting.userId,
        contentHash: storedHash,
        contentText: sectionText(wording),
      });
      approvals.push({
        id: written.id,
        caseId,
        side,
        userId: acting.userId,
        userName: acting.name,
        contentHash: storedHash,
        approvedAt: written.approvedAt,
        voidedAt: null,
        voidReason: null,
      });
      versions.push({
        caseId,
        sectionId: sealed[0]!.id,
        doc: wording,
        label: `Godkjent for ${SIDE_LABELS[side]} av ${acting.name}`,
        createdBy: null,
      });
    }
    const approvedSides = new Set([...active.map((a) => a.side), side]);
    const locking = SIDES.every((s) => approvedSides.has(s));
    let found = facts.found;
    let locks = facts.locks;
    if (locking) {
      faultPoint('after-final-approval');
      const written = await tx.consensus.lock(
        caseId,
        await Promise.all(
          sealed.map(async (section, index) => ({
            sectionId: section.id,
            contentHash: index === 0 ? storedHash : await hashSection(docs[index]!),
            sealedState: Y.encodeStateAsUpdate(docs[index]!),
          })),
        ),
      );
      locks = [...locks, ...written].sort((a, b) =>
        a.sectionId < b.sectionId ? -1 : a.sectionId > b.sectionId ? 1 : 0,
      );
      faultPoint('after-lock');
      await tx.cases.setStatus(caseId, 'konsensus');
      found = { ...found, status: 'konsensus' };
      faultPoint('after-status');
      sealed.forEach((section, index) =>
        versions.push({
          caseId,
          sectionId: section.id,
          doc: docs[index]!,
          label: 'Låst ved konsensus',
          createdBy: null,
        }),
      );
    }
    const stored = await this.deps.versions.storeAll(tx.consensus, versions);
    if (locking) faultPoint('after-lock-versions');
    // The community hears of the consensus from the same transaction: both or neither.
    const told = locking
      ? await this.deps.notices?.consensusReached(tx.sql, caseId, acting.userId, { found, actorName: acting.name })
      : undefined;
    return {
      state: consensusStateOf({ ...facts, found, approvals, locks }, storedHash),
      versions: stored,
      found,
      told,
    };
  }

  /** Records that the actor's side agrees to handle the case in one step. */
  async agreeOneStep(caseId: string, acting: Acting): Promise<ConsensusState> {
    const found = await requireCase(this.deps.cases, caseId);
    await this.requireApprover(found, acting);
    if (!needsConsensus(found.kind)) throw new Conflict('no_approval_needed');
    if (found.status !== 'utkast') throw new Conflict('not_draft');
    await this.deps.consensus.agreeOneStep(caseId, acting.actor.side!, acting.userId);
    return this.publish(caseId);
  }

  /**
   * Takes back the actor's side's agreement to one-step handling, while the case is still a
   * draft: once the secretariat has used it to skip the discussion round, it has done its work.
   */
  async withdrawOneStep(caseId: string, acting: Acting): Promise<ConsensusState> {
    const found = await requireCase(this.deps.cases, caseId);
    await this.requireApprover(found, acting);
    if (found.status !== 'utkast') throw new Conflict('not_draft');
    if (!(await this.deps.consensus.withdrawOneStep(caseId, acting.actor.side!, acting.userId))) {
      throw new Conflict('no_agreement');
    }
    return this.publish(caseId);
  }

  async requestReopen(caseId: string, acting: Acting, reason: string): Promise<ConsensusState> {
    const found = await requireCase(this.deps.cases, caseId);
    await this.requireApprover(found, acting);
    if (found.status !== 'konsensus' || (await this.deps.consensus.locks(caseId)).length === 0) {
      throw new Conflict('not_locked');
    }
    if ((await this.deps.consensus.reopenRequests(caseId)).some((r) => r.confirmedAt === null)) {
      throw new Conflict('already_requested');
    }
    const told = await this.deps.unitOfWork(async (tx) => {
      await tx.consensus.requestReopen({ caseId, side: acting.actor.side!, userId: acting.userId, reason });
      return this.deps.notices?.reopenRequested(tx.sql, caseId, acting.actor.side!, acting.userId, reason);
    });
    told?.announce();
    return this.publish(caseId);
  }

  /**
   * The other side confirms a reopen request: approvals fall away ('reopened'), the locks go
   * and the case returns to the decision round. Runs in the wording's room, like approving.
   */
  async confirmReopen(caseId: string, requestId: string, acting: Acting): Promise<ConsensusState> {
    const found = await requireCase(this.deps.cases, caseId);
    await this.requireApprover(found, acting);
    const request = (await this.deps.consensus.reopenRequests(caseId)).find((r) => r.id === requestId);
    if (!request) throw new NotFound('Forespørselen');
    if (request.confirmedAt !== null) throw new Conflict('already_confirmed');
    if (request.side === acting.actor.side) throw Forbidden.because('same_side');
    const section = await this.requireConsensusSection(caseId);
    const versions = await this.deps.rooms.withRoom(sectionRoomName({ caseId, sectionId: section.id }), async () => {
      const now = await requireCase(this.deps.cases, caseId);
      if (now.status !== 'konsensus') throw new Conflict('not_locked');
      // Read before the transaction, which may read and write only through its own repositories.
      const docs = await Promise.all(
        (await this.deps.cases.listSections(caseId)).map((s) =>
          loadSection(this.deps.documents, caseId, s.id).then((doc) => ({ sectionId: s.id, doc })),
        ),
      );
      await this.deps.audit.flush();
      try {
        // One transaction: a crash leaves the case wholly locked or wholly reopened.
        return await this.deps.unitOfWork(async (tx) => {
          if (!(await tx.consensus.confirmReopen(requestId, acting.userId))) {
            throw new Conflict('already_confirmed');
          }
          faultPoint('after-reopen-confirmed');
          // Approvals go before the locks, so no edit can land while an approval still stands.
          await tx.consensus.voidApprovals(caseId, 'reopened', {
            changedBy: acting.userId,
            currentHash: null,
            currentText: null,
          });
          await tx.consensus.unlockAll(caseId);
          faultPoint('after-unlock');
          await tx.cases.updateCase(caseId, { status: 'til_beslutning' });
          faultPoint('after-reopen-status');
          const written = await this.deps.versions.storeAll(
            tx.consensus,
            docs.map(({ sectionId, doc }) => ({
              caseId,
              sectionId,
              doc,
              label: `Gjenåpnet: ${request.reason}`,
              createdBy: null,
            })),
          );
          faultPoint('after-reopen-versions');
          return written;
        });
      } finally {
        for (const { doc } of docs) doc.destroy();
      }
    });
    this.deps.versions.announce(versions);
    this.deps.caseEvents.publish(caseId, { type: 'case', data: await requireCase(this.deps.cases, caseId) });
    return this.publish(caseId);
  }

  /**
   * The secretariat moves the case, by the one state machine. Leaving the decision round
   * voids the approvals given in it. Serialised with approvals in the wording's room.
   */
  async changeStatus(caseId: string, to: CaseStatus, acting: Acting): Promise<Case> {
    const found = await requireCase(this.deps.cases, caseId);
    if (!decideCaseManagement(acting.actor).allowed)
      throw Forbidden.saying('bare sekretariatet kan endre status på saken');
    if (to === 'publisert') {
      // Publishing freezes the text, and tells the community, in the transaction of the status change.
      const published = await this.deps.publication.publish(caseId, acting);
      await this.publish(caseId);
      return published;
    }
    const section = await this.consensusSection(caseId);
    // One transaction: the move, the approvals it voids and the notices of it.
    const move = () =>
      this.deps.unitOfWork(async (tx) => {
        const now = await requireCase(tx.cases, caseId);
        const oneStep = await tx.consensus.oneStepAgreements(caseId);
        const decision = decideTransition(now.status, to, {
          kind: now.kind,
          oneStepAgreed: SIDES.every((s) => oneStep.includes(s)),
        });
        if (!decision.allowed) throw new Conflict(decision.reason);
        if (now.status === 'til_beslutning') {
          await tx.consensus.voidApprovals(caseId, 'status-changed', {
            changedBy: acting.userId,
            currentHash: null,
            currentText: null,
          });
        }
        await tx.cases.updateCase(caseId, { status: to });
        return { from: now.status, told: await this.deps.notices?.statusChanged(tx.sql, caseId, acting.userId) };
      });
    const { from, told } = section
      ? await this.deps.rooms.withRoom(sectionRoomName({ caseId, sectionId: section.id }), move)
      : await move();
    // Quoted, so the status names read as names: «til drøfting» til «til beslutning».
    await this.versionAll(caseId, `Status endret fra «${STATUS_LABELS[from]}» til «${STATUS_LABELS[to]}»`);
    const updated = await requireCase(this.deps.cases, found.id);
    this.deps.caseEvents.publish(caseId, { type: 'case', data: updated });
    await this.publish(caseId);
    told?.announce();
    return updated;
  }

  async decisionRecord(caseId: string): Promise<DecisionRecord> {
    const found = await requireCase(this.deps.cases, caseId);
    const section = await this.requireConsensusSection(caseId);
    const locks = await this.deps.consensus.locks(caseId);
    const lock = locks.find((l) => l.sectionId === section.id);
    // A published decision is read from what publication froze, like every paper of the case.
    const sealed =
      (await this.deps.publication.frozenState(caseId, section.id)) ??
      (await this.deps.consensus.sealedState(caseId, section.id));
    if (!lock || !sealed) throw new NotFound('Den vedtatte konsensusteksten');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, sealed);
    const approvals = (await this.deps.consensus.approvals(caseId)).filter(
      (a) => a.voidedAt === null && a.contentHash === lock.contentHash,
    );
    const record: DecisionRecord = {
      caseId,
      caseNumber: found.number,
      title: found.title,
      status: found.status,
      wording: sectionText(doc),
      blocks: readBlocks(doc),
      contentHash: lock.contentHash,
      lockedAt: lock.lockedAt,
      approvals,
      lockedSections: locks,
      reopenHistory: await this.deps.consensus.reopenRequests(caseId),
    };
    doc.destroy();
    return record;
  }

  async settings(communityId: string): Promise<ConsensusSettings> {
    return this.deps.consensus.settings(communityId);
  }

  async saveSettings(
    communityId: string,
    actor: Actor | null,
    input: ConsensusSettingsInput,
  ): Promise<ConsensusSettings> {
    if (!decideCaseManagement(actor).allowed)
      throw Forbidden.saying('bare sekretariatet kan endre godkjenningsreglene');
    const members = await Promise.all(
      (input.approvers ?? []).map((a) => this.deps.users.membershipIn(a.userId, communityId)),
    );
    (input.approvers ?? []).forEach((approver, index) => {
      const membership = members[index];
      if (!membership || membership.role !== 'member' || membership.side !== approver.side) {
        throw new InvalidInput('en godkjenner må være medlem av den parten hen godkjenner for');
      }
    });
    await this.deps.consensus.saveSettings({ communityId, policy: input.policy, approvers: input.approvers ?? [] });
    return this.deps.consensus.settings(communityId);
  }

  /** Sends the current consensus state to everyone with the case open, and returns it. */
  async publish(caseId: string, knownHash?: string | null): Promise<ConsensusState> {
    const state = await this.state(caseId, knownHash);
    this.deps.caseEvents.publish(caseId, { type: 'consensus', data: state });
    return state;
  }

  private versionAll(caseId: string, label: string): Promise<void> {
    return this.deps.versions.recordAll(caseId, label);
  }

  private async requireConsensusSection(caseId: string): Promise<Section> {
    const section = await this.consensusSection(caseId);
    if (!section) throw new Conflict('no_consensus_section');
    return section;
  }

  /** The consensus rule for who acts for a side; publication corrections follow it too. */
  requireApprover(found: Case, acting: Acting): Promise<ConsensusSettings> {
    return requireApprover(this.deps.consensus, found, acting);
  }
}

/**
 * The consensus rule for who acts for a side, refusing anyone else; publication corrections
 * follow it too. Returns the community's settings it read.
 */
export async function requireApprover(
  consensus: ConsensusRepository,
  found: Case,
  acting: Acting,
): Promise<ConsensusSettings> {
  const settings = await consensus.settings(found.communityId);
  approverCheck(settings, acting);
  return settings;
}

/** The consensus rule for who acts for a side, by the community's settings already read. */
function approverCheck(settings: ConsensusSettings, acting: Acting): void {
  const isNamedApprover = settings.approvers.some((a) => a.userId === acting.userId && a.side === acting.actor.side);
  refuseUnless(decideApproval(acting.actor, { policy: settings.policy, isNamedApprover }));
}
