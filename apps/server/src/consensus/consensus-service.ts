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
import type { ConsensusRepository } from './consensus-repository.js';
import { requireCase } from '../cases/require-case.js';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../errors/domain-errors.js';
import { faultPoint } from '../faults/fault-point.js';
import type { VersionService } from '../versions/version-service.js';
import type { PublicationService } from '../publication/publication-service.js';
import type { ConsensusTransaction, UnitOfWork } from './unit-of-work.js';
import type { CaseNotices } from '../notifications/case-notices.js';
import type { Told } from '../notifications/notifier.js';

/** The logged-in person acting through the API, with their actor in the case's community. */
export interface Acting {
  userId: string;
  name: string;
  actor: Actor;
}

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
  /** Writes the notices of each fact in its transaction; absent in tests that need no notices. */
  notices?: CaseNotices;
}

/** An approval not yet written, and the version of the wording it approves. */
interface NewApproval {
  input: Parameters<ConsensusRepository['addApproval']>[0];
  version: Parameters<VersionService['store']>[1];
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

/** What a caller of `state` has already read: the case as it now stands, and its sections. */
interface KnownCase {
  found?: Case;
  sections?: readonly Section[];
  settings?: ConsensusSettings;
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

  /** `known` saves re-reading what the caller has just read or written. */
  async state(caseId: string, knownHash?: string, known: KnownCase = {}): Promise<ConsensusState> {
    const { consensus } = this.deps;
    const found = known.found ?? (await requireCase(this.deps.cases, caseId));
    const section = known.sections
      ? (known.sections.find((s) => s.kind === CONSENSUS_SECTION_KIND) ?? null)
      : await this.consensusSection(caseId);
    const [approvals, locks, oneStepSides, requests, lastVoid, settings] = await Promise.all([
      consensus.approvals(caseId),
      consensus.locks(caseId),
      consensus.oneStepAgreements(caseId),
      consensus.reopenRequests(caseId),
      consensus.lastVoid(caseId),
      known.settings ?? consensus.settings(found.communityId),
    ]);
    const currentHash =
      knownHash ?? (section ? await hashSection(await loadSection(this.deps.documents, caseId, section.id)) : null);
    const oneStep = { kommune: oneStepSides.includes('kommune'), helseforetak: oneStepSides.includes('helseforetak') };
    return {
      caseId,
      status: found.status,
      needsConsensus: needsConsensus(found.kind),
      consensusSectionId: section?.id ?? null,
      currentHash,
      approvals,
      locks,
      oneStep,
      openReopenRequest: requests.find((r) => r.confirmedAt === null) ?? null,
      reopenHistory: requests,
      lastVoid,
      policy: settings.policy,
      approvers: settings.approvers,
      nextStatuses: nextStatuses(found.status, {
        kind: found.kind,
        oneStepAgreed: oneStep.kommune && oneStep.helseforetak,
      }),
    };
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
   * and both assessments and moves the case to konsensus, all before the wording's room
   * handles another message.
   */
  async approve(caseId: string, acting: Acting, expectedHash: string): Promise<ConsensusState> {
    const found = await requireCase(this.deps.cases, caseId);
    const settings = await this.requireApprover(found, acting);
    const side = acting.actor.side!;
    const sections = await this.deps.cases.listSections(caseId);
    const section = sections.find((s) => s.kind === CONSENSUS_SECTION_KIND);
    if (!section) throw new Conflict('no_consensus_section');
    const roomName = sectionRoomName({ caseId, sectionId: section.id });
    // The room orders this against edits on this instance; the fence against edits another
    // instance is storing, which wait and are then refused if this ends in a lock.
    const outcome = await this.deps.rooms.withRoom(roomName, (room) =>
      this.deps.documents.fenced(roomName, async () => {
        const now = await requireCase(this.deps.cases, caseId);
        if (!needsConsensus(now.kind)) throw new Conflict('no_approval_needed');
        if (now.status !== 'til_beslutning') throw new Conflict('not_in_decision');
        if (await this.deps.consensus.isLocked(caseId, section.id)) throw new Conflict('locked');
        const currentHash = await hashSection(room.doc);
        // With several instances, this room's copy may lag an edit another instance stored:
        // the stored document must be the approved wording too.
        const stored = await loadSection(this.deps.documents, caseId, section.id);
        const storedHash = await hashSection(stored);
        stored.destroy();
        if (currentHash !== expectedHash || storedHash !== expectedHash) {
          throw new Conflict('stale_content');
        }
        const active = (await this.deps.consensus.approvals(caseId)).filter(
          (a) => a.voidedAt === null && a.contentHash === currentHash,
        );
        const approval: NewApproval | null = active.some((a) => a.side === side)
          ? null
          : {
              input: {
                caseId,
                side,
                userId: acting.userId,
                contentHash: currentHash,
                contentText: sectionText(room.doc),
              },
              version: {
                caseId,
                sectionId: section.id,
                doc: room.doc,
                label: `Godkjent for ${SIDE_LABELS[side]} av ${acting.name}`,
                createdBy: null,
              },
            };
        const approvedSides = new Set([...active.map((a) => a.side), side]);
        if (SIDES.every((s) => approvedSides.has(s))) {
          const locked = await this.lock(now, sections, section, room, currentHash, approval, acting.userId);
          return {
            hash: currentHash,
            locked: true,
            ...locked,
            found: { ...now, status: 'konsensus' as const },
          };
        }
        await this.deps.audit.flush();
        const versions = await this.deps.unitOfWork(async (tx) =>
          approval ? [await this.writeApproval(tx, approval)] : [],
        );
        return { hash: currentHash, locked: false, versions, told: undefined, found: now };
      }),
    );
    // Committed: only now does anyone hear of it.
    this.deps.versions.announce(outcome.versions);
    if (outcome.locked) {
      this.deps.caseEvents.publish(caseId, { type: 'case', data: outcome.found });
      outcome.told?.announce();
    }
    return this.publish(caseId, outcome.hash, { found: outcome.found, sections, settings });
  }

  private async writeApproval(tx: ConsensusTransaction, approval: NewApproval): Promise<SectionVersion> {
    await tx.consensus.addApproval(approval.input);
    return this.deps.versions.store(tx.consensus, approval.version);
  }

  /**
   * Seals the consensus wording (whose room and fence the caller holds) and each assessment,
   * taking each assessment's room and fence in turn so no edit to it, from this instance or
   * another, slips between its snapshot and its lock. With all of them held, the final
   * approval, the locks, the case status and the versions are written in one transaction:
   * a crash leaves either all of it or none, and the community's notices of the consensus
   * with it. Returns the versions and the notices, to announce after.
   */
  private async lock(
    found: Case,
    sections: readonly Section[],
    consensusSection: Section,
    consensusRoom: SectionRoom,
    hash: string,
    finalApproval: NewApproval | null,
    actorId: string,
  ): Promise<{ versions: SectionVersion[]; told: Told | undefined }> {
    const others = lockedSectionsOf(sections).filter((s) => s.id !== consensusSection.id);
    const sealed: Array<{ sectionId: string; contentHash: string; sealedState: Uint8Array }> = [
      { sectionId: consensusSection.id, contentHash: hash, sealedState: Y.encodeStateAsUpdate(consensusRoom.doc) },
    ];
    const sealAll = async (index: number): Promise<{ versions: SectionVersion[]; told: Told | undefined }> => {
      if (index === others.length) {
        await this.deps.audit.flush();
        return this.deps.unitOfWork(async (tx) => {
          const versions: SectionVersion[] = [];
          if (finalApproval) versions.push(await this.writeApproval(tx, finalApproval));
          faultPoint('after-final-approval');
          await tx.consensus.lock(found.id, sealed);
          faultPoint('after-lock');
          await tx.cases.setStatus(found.id, 'konsensus');
          faultPoint('after-status');
          for (const entry of sealed) {
            const doc = new Y.Doc();
            Y.applyUpdate(doc, entry.sealedState);
            versions.push(
              await this.deps.versions.store(tx.consensus, {
                caseId: found.id,
                sectionId: entry.sectionId,
                doc,
                label: 'Låst ved konsensus',
                createdBy: null,
              }),
            );
            doc.destroy();
          }
          faultPoint('after-lock-versions');
          return { versions, told: await this.deps.notices?.consensusReached(tx.sql, found.id, actorId) };
        });
      }
      const other = others[index]!;
      const otherRoom = sectionRoomName({ caseId: found.id, sectionId: other.id });
      return this.deps.rooms.withRoom(otherRoom, () =>
        this.deps.documents.fenced(otherRoom, async () => {
          // Sealed as stored, not as this instance's copy, which may lag another instance's edit.
          const stored = await loadSection(this.deps.documents, found.id, other.id);
          sealed.push({
            sectionId: other.id,
            contentHash: await hashSection(stored),
            sealedState: Y.encodeStateAsUpdate(stored),
          });
          stored.destroy();
          return sealAll(index + 1);
        }),
      );
    };
    return sealAll(0);
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
          const written: SectionVersion[] = [];
          for (const { sectionId, doc } of docs) {
            written.push(
              await this.deps.versions.store(tx.consensus, {
                caseId,
                sectionId,
                doc,
                label: `Gjenåpnet: ${request.reason}`,
                createdBy: null,
              }),
            );
          }
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
  async publish(caseId: string, knownHash?: string, known: KnownCase = {}): Promise<ConsensusState> {
    const state = await this.state(caseId, knownHash, known);
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
  const isNamedApprover = settings.approvers.some((a) => a.userId === acting.userId && a.side === acting.actor.side);
  refuseUnless(decideApproval(acting.actor, { policy: settings.policy, isNamedApprover }));
  return settings;
}
