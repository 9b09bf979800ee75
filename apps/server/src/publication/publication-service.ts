import {
  CONSENSUS_SECTION_KIND,
  SIDES,
  decideCaseManagement,
  decideCorrectionConfirm,
  decideCorrectionRequest,
  decideTransition,
  sectionRoomName,
  type Case,
  type PublicationState,
  type Section,
} from '@samraad/schema';
import * as Y from 'yjs';
import { createSqlCaseRepository } from '../cases/sql-case-repository.js';
import type { CaseRepository } from '../cases/case-repository.js';
import { createSqlConsensusRepository } from '../consensus/sql-consensus-repository.js';
import { requireCase } from '../cases/require-case.js';
import type { Acting } from '../consensus/consensus-service.js';
import { Conflict, Forbidden, NotFound } from '../errors/domain-errors.js';
import { hashSection } from '../consensus/section-state.js';
import type { VersionService } from '../versions/version-service.js';
import type { CaseEvents } from '../events/case-events.js';
import type { Storage } from '../db/storage.js';
import type { CaseNotices } from '../notifications/case-notices.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { applyStored } from '../persistence/stored-state.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import {
  createSqlPublicationRepository,
  frozenHeaderOf,
  recordPublication,
  type FrozenSectionState,
  type PublicationRepository,
} from './publication-repository.js';

export interface PublicationDependencies {
  cases: CaseRepository;
  publications: PublicationRepository;
  rooms: RoomRegistry;
  documents: DocumentStore;
  caseEvents: CaseEvents;
  versions: VersionService;
  /** The consensus rule for who acts for a side (a member, or a named approver); throws when not. */
  requireApprover: (found: Case, acting: Acting) => Promise<void>;
  /** Tells the community, in the transaction that publishes; absent in tests that need no notices. */
  notices?: CaseNotices;
}

/** The consensus wording first, then the rest in paper order: the order approving takes rooms in. */
function fenceOrder(sections: readonly Section[]): Section[] {
  return [
    ...sections.filter((s) => s.kind === CONSENSUS_SECTION_KIND),
    ...sections.filter((s) => s.kind !== CONSENSUS_SECTION_KIND),
  ];
}

/**
 * Publication freezes a case; a correction is asked for by one side and confirmed by the
 * other, like reopening consensus, and re-publishing freezes the corrected text as a new
 * version. The freeze is what the rooms and every append check (see section-seal.ts).
 */
export class PublicationService {
  constructor(private readonly deps: PublicationDependencies) {}

  async state(caseId: string): Promise<PublicationState> {
    const [frozen, publications, corrections] = await Promise.all([
      this.deps.publications.isFrozen(caseId),
      this.deps.publications.publications(caseId),
      this.deps.publications.corrections(caseId),
    ]);
    return {
      caseId,
      frozen,
      publications,
      corrections,
      openCorrection: corrections.find((r) => r.confirmedAt === null) ?? null,
    };
  }

  /** A section's text as the newest publication froze it; null when never published. */
  async frozenState(caseId: string, sectionId: string): Promise<Uint8Array | null> {
    return (
      (await this.deps.publications.latest(caseId))?.sections.find((s) => s.section.id === sectionId)?.state ?? null
    );
  }

  /**
   * Publishes the case (or publishes it again after a confirmed correction): every section is
   * recorded as stored, with its hash, and the case is frozen, in the one transaction that
   * moves it to publisert. Each section's room (this instance) and fence (every instance) are
   * held meanwhile, so no edit lands between what is recorded and the freeze.
   */
  async publish(caseId: string, acting: Acting | null): Promise<Case> {
    if (acting && !decideCaseManagement(acting.actor).allowed)
      throw Forbidden.saying('bare sekretariatet kan publisere saken');
    const ordered = fenceOrder(await this.deps.cases.listSections(caseId));
    const rooms = ordered.map((section) => sectionRoomName({ caseId, sectionId: section.id }));
    const freeze = () =>
      this.deps.documents.sealing(rooms, async (tx, read) => {
        const cases = createSqlCaseRepository(tx);
        const now = await requireCase(cases, caseId);
        if (await createSqlPublicationRepository(tx).isFrozen(caseId)) throw new Conflict('already_published');
        // Published before: again after a confirmed correction. Marked published but never
        // recorded (a database older than freezing): recorded now as its first publication.
        const published = await tx.db
          .selectFrom('publications')
          .select((eb) => eb.lit(1).as('published'))
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        const correctionId =
          now.status === 'publisert' && published ? await this.confirmedCorrection(tx, caseId) : null;
        if (now.status !== 'publisert') {
          // Read through the transaction: on SQLite anything else waits for it to end.
          const oneStep = await createSqlConsensusRepository(tx).oneStepAgreements(caseId);
          const decision = decideTransition(now.status, 'publisert', {
            kind: now.kind,
            oneStepAgreed: SIDES.every((s) => oneStep.includes(s)),
          });
          if (!decision.allowed) throw new Conflict(decision.reason);
        }
        // A section added or removed after we took the rooms would be missed or sealed in vain.
        const current = await cases.listSections(caseId);
        if (current.length !== ordered.length || current.some((s) => !ordered.some((o) => o.id === s.id))) {
          throw new Conflict('sections_changed');
        }
        const sections: FrozenSectionState[] = [];
        for (const section of current) {
          const doc = new Y.Doc();
          applyStored(doc, await read(sectionRoomName({ caseId, sectionId: section.id })));
          sections.push({ section, contentHash: await hashSection(doc), state: Y.encodeStateAsUpdate(doc) });
          doc.destroy();
        }
        await recordPublication(tx, {
          caseId,
          header: frozenHeaderOf(now),
          sections,
          publishedBy: acting?.userId ?? null,
          correctionId,
        });
        if (now.status !== 'publisert') await cases.updateCase(caseId, { status: 'publisert' });
        const told = acting ? await this.deps.notices?.published(tx, caseId, acting.userId) : undefined;
        return { corrected: correctionId !== null, told };
      });
    const { corrected, told } = await this.inRooms(rooms, freeze);
    await this.versionAll(caseId, corrected ? 'Publisert på nytt etter rettelse' : 'Publisert');
    const updated = (await this.deps.cases.getCase(caseId))!;
    this.deps.caseEvents.publish(caseId, { type: 'case', data: updated });
    await this.announce(caseId);
    told?.announce();
    return updated;
  }

  /** One side asks to correct the published text, with a reason; nothing opens yet. */
  async requestCorrection(caseId: string, acting: Acting, reason: string): Promise<PublicationState> {
    const found = await requireCase(this.deps.cases, caseId);
    await this.deps.requireApprover(found, acting);
    const state = await this.state(caseId);
    const decision = decideCorrectionRequest(state);
    if (!decision.allowed) throw new Conflict(decision.reason);
    const publication = state.publications[state.publications.length - 1]!;
    await this.deps.publications.requestCorrection({
      caseId,
      publicationId: publication.id,
      side: acting.actor.side!,
      userId: acting.userId,
      reason,
    });
    return this.announce(caseId);
  }

  /**
   * The other side confirms: the freeze is lifted (in the same transaction as the
   * confirmation), so both sides and the secretariat may write again. The public page keeps
   * showing the last publication until the corrected text is published.
   */
  async confirmCorrection(caseId: string, requestId: string, acting: Acting): Promise<PublicationState> {
    const found = await requireCase(this.deps.cases, caseId);
    await this.deps.requireApprover(found, acting);
    const request = (await this.deps.publications.corrections(caseId)).find((r) => r.id === requestId);
    if (!request) throw new NotFound('Forespørselen');
    const decision = decideCorrectionConfirm(request, acting.actor.side!);
    if (!decision.allowed)
      throw decision.reason === 'same-side' ? Forbidden.because(decision.reason) : new Conflict(decision.reason);
    if (!(await this.deps.publications.confirmCorrection(requestId, acting.userId))) {
      throw new Conflict('already-confirmed');
    }
    await this.versionAll(caseId, `Åpnet for rettelse: ${request.reason}`);
    return this.announce(caseId);
  }

  /**
   * Freezes cases that were marked published before publishing froze them (an upgraded
   * database), as they stand now, so none stays writable. Recorded without a publisher.
   */
  async freezeUnrecorded(): Promise<number> {
    const unrecorded = await this.deps.publications.unrecordedPublished();
    for (const caseId of unrecorded) await this.publish(caseId, null);
    return unrecorded.length;
  }

  /** Sends the publication state to everyone with the case open, and returns it. */
  private async announce(caseId: string): Promise<PublicationState> {
    const state = await this.state(caseId);
    this.deps.caseEvents.publish(caseId, { type: 'publication', data: state });
    return state;
  }

  /** The confirmed correction a re-publication completes; refused when there is none. */
  private async confirmedCorrection({ db }: Storage, caseId: string): Promise<string> {
    const row = await db
      .selectFrom('correction_requests as r')
      .select('r.id')
      .where('r.case_id', '=', caseId)
      .where('r.confirmed_at', 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('publications as p')
              .select((sub) => sub.lit(1).as('one'))
              .whereRef('p.correction_id', '=', 'r.id'),
          ),
        ),
      )
      .orderBy('r.confirmed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) throw new Conflict('no_correction');
    return row.id;
  }

  /** Holds each room in turn (nested), so `work` runs between two messages of every one. */
  private inRooms<T>(rooms: readonly string[], work: () => Promise<T>, index = 0): Promise<T> {
    if (index === rooms.length) return work();
    return this.deps.rooms.withRoom(rooms[index]!, () => this.inRooms(rooms, work, index + 1));
  }

  private versionAll(caseId: string, label: string): Promise<void> {
    return this.deps.versions.recordAll(caseId, label);
  }
}
