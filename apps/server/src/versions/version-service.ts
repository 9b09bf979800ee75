import {
  decideSectionWrite,
  diffWords,
  sectionRoomName,
  type SectionVersion,
  type SectionVersionDetail,
  type VersionDiff,
} from '@samraad/schema';
import * as Y from 'yjs';
import type { AuditLog } from '../audit/audit-log.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { readBlocks, replaceContent, sameContent, sectionText } from '../sections/content.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import { Conflict, Forbidden, NotFound } from '../errors/domain-errors.js';
import type { Acting } from '../consensus/consensus-service.js';
import { loadSection } from '../consensus/section-state.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { CaseEvents } from '../events/case-events.js';

/** The label of a version saved when an editing session ends. */
export const SESSION_VERSION_LABEL = 'Automatisk lagret etter redigering';

export interface VersionDependencies {
  audit: AuditLog;
  cases: CaseRepository;
  consensus: ConsensusRepository;
  rooms: RoomRegistry;
  documents: DocumentStore;
  caseEvents: CaseEvents;
}

/** A version to store: the section's document as it is now, and what to call it. */
export interface VersionOf {
  caseId: string;
  sectionId: string;
  doc: Y.Doc;
  label: string;
  createdBy: string | null;
  kind?: 'auto' | 'named';
}

/**
 * Version history per section: automatic versions (state changes, approvals, locks), named
 * ones on demand, viewing, word diffs, and restoring an old version as a new change.
 */
export class VersionService {
  constructor(private readonly deps: VersionDependencies) {}

  /** Stores the document as it is now as a version, and tells everyone with the case open. */
  async record(
    caseId: string,
    sectionId: string,
    doc: Y.Doc,
    label: string,
    createdBy: string | null,
    kind: 'auto' | 'named' = 'auto',
  ): Promise<SectionVersion> {
    // Summed audit rows end here, so the authors between two versions stay exact.
    await this.deps.audit.flush();
    const version = await this.store(this.deps.consensus, { caseId, sectionId, doc, label, createdBy, kind });
    this.announce([version]);
    return version;
  }

  /**
   * Stores a version through `consensus`, which may be a transaction's repository: then the
   * caller flushes the audit log before the transaction and announces after its commit.
   */
  async store(consensus: ConsensusRepository, input: VersionOf): Promise<SectionVersion> {
    return (await this.storeAll(consensus, [input]))[0]!;
  }

  /** Stores several versions in one write, like `store` (the caller flushes and announces). */
  storeAll(consensus: ConsensusRepository, inputs: readonly VersionOf[]): Promise<SectionVersion[]> {
    return consensus.addVersions(
      inputs.map(({ doc, kind = 'auto', ...rest }) => ({
        ...rest,
        kind,
        state: Y.encodeStateAsUpdate(doc),
        text: sectionText(doc),
      })),
    );
  }

  /** Tells everyone with the case open about versions that are committed. */
  announce(versions: readonly SectionVersion[]): void {
    for (const version of versions) this.deps.caseEvents.publish(version.caseId, { type: 'version', data: version });
  }

  /**
   * The version that closes an editing session, naming its authors; none when the text is
   * as the section's latest version has it (nothing changed, or a version was just saved).
   */
  async recordSession(
    caseId: string,
    sectionId: string,
    doc: Y.Doc,
    authors: readonly string[],
  ): Promise<SectionVersion | null> {
    const [latest] = await this.deps.consensus.versions(caseId, sectionId);
    if (latest) {
      const stored = await this.deps.consensus.version(latest.id);
      const previous = new Y.Doc();
      if (stored) Y.applyUpdate(previous, stored.state);
      const unchanged = stored !== null && sameContent(previous, doc);
      previous.destroy();
      if (unchanged) return null;
    }
    await this.deps.audit.flush();
    const version = await this.deps.consensus.addVersion({
      caseId,
      sectionId,
      label: SESSION_VERSION_LABEL,
      kind: 'auto',
      createdBy: null,
      state: Y.encodeStateAsUpdate(doc),
      text: sectionText(doc),
      authors,
    });
    this.announce([version]);
    return version;
  }

  /** Stores every section of the case as it is stored now, under one label (status changes). */
  async recordAll(caseId: string, label: string): Promise<void> {
    for (const section of await this.deps.cases.listSections(caseId)) {
      const doc = await loadSection(this.deps.documents, caseId, section.id);
      await this.record(caseId, section.id, doc, label, null);
      doc.destroy();
    }
  }

  async list(caseId: string, sectionId: string): Promise<SectionVersion[]> {
    await this.requireSection(caseId, sectionId);
    return this.deps.consensus.versions(caseId, sectionId);
  }

  async named(caseId: string, sectionId: string, label: string, acting: Acting): Promise<SectionVersion> {
    await this.requireSection(caseId, sectionId);
    const doc = await loadSection(this.deps.documents, caseId, sectionId);
    try {
      return await this.record(caseId, sectionId, doc, label, acting.userId, 'named');
    } finally {
      doc.destroy();
    }
  }

  async get(caseId: string, sectionId: string, versionId: string): Promise<SectionVersionDetail> {
    const { state, ...version } = await this.requireVersion(caseId, sectionId, versionId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const blocks = readBlocks(doc);
    doc.destroy();
    return { ...version, blocks };
  }

  /** Words added and removed from the older to the newer version, and who edited between. */
  async diff(caseId: string, sectionId: string, fromId: string, toId: string): Promise<VersionDiff> {
    const [a, b] = await Promise.all([
      this.requireVersion(caseId, sectionId, fromId),
      this.requireVersion(caseId, sectionId, toId),
    ]);
    const strip = ({ state: _state, ...version }: typeof a): SectionVersion => version;
    const [earlier, later] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
    await this.deps.audit.flush();
    return {
      from: strip(a),
      to: strip(b),
      changes: diffWords(a.text, b.text),
      authors: await this.deps.consensus.authorsBetween(caseId, sectionId, earlier.createdAt, later.createdAt),
    };
  }

  /**
   * Puts an old version's content back into the live section as one new change, relayed to
   * everyone and audited like typing. Refused in a locked section and for someone who may not
   * write it. Changing the consensus wording this way voids approvals like any edit.
   */
  async restore(caseId: string, sectionId: string, versionId: string, acting: Acting): Promise<SectionVersion> {
    const section = await this.requireSection(caseId, sectionId);
    const { state, label } = await this.requireVersion(caseId, sectionId, versionId);
    const source = new Y.Doc();
    Y.applyUpdate(source, state);
    try {
      return await this.deps.rooms.withRoom(sectionRoomName({ caseId, sectionId }), async (room) => {
        const decision = decideSectionWrite(
          acting.actor,
          section.owner,
          await this.deps.consensus.seal(caseId, sectionId),
        );
        if (!decision.allowed) {
          if (decision.reason === 'locked') throw new Conflict('locked');
          if (decision.reason === 'published') throw new Conflict('published');
          throw Forbidden.saying('du kan ikke skrive i denne delen');
        }
        await room.change({ userId: acting.userId, name: acting.name }, (doc) => replaceContent(doc, source));
        return this.record(caseId, sectionId, room.doc, `Gjenopprettet fra «${label}»`, acting.userId);
      });
    } finally {
      source.destroy();
    }
  }

  private async requireSection(caseId: string, sectionId: string) {
    const section = await this.deps.cases.getSection(caseId, sectionId);
    if (!section) throw new NotFound('Delen');
    return section;
  }

  private async requireVersion(caseId: string, sectionId: string, versionId: string) {
    const version = await this.deps.consensus.version(versionId);
    if (!version || version.caseId !== caseId || version.sectionId !== sectionId) throw new NotFound('Versjonen');
    return version;
  }
}
