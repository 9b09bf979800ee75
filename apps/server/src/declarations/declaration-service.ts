import {
  SECTION_FRAGMENT,
  combinedContent,
  decideDeclarationSigning,
  decideSignatureWithdrawal,
  declarationTextSections,
  hashConsensusContent,
  sectionRoomName,
  type Case,
  type DeclarationPartner,
  type DeclarationRefusal,
  type DeclarationText,
  type DeclarationView,
  type Membership,
  type Organisation,
  type Section,
} from '@samraad/schema';
import * as Y from 'yjs';
import type { CaseRepository } from '../cases/case-repository.js';
import { Conflict, Forbidden, NotFound } from '../errors/domain-errors.js';
import { loadSection } from '../consensus/section-state.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import { readBlocks } from '../sections/content.js';
import type { CaseNotices } from '../notifications/case-notices.js';
import {
  createSqlDeclarationRepository,
  type DeclarationRepository,
  type DeclarationSeal,
} from './declaration-repository.js';
import type { Told } from '../notifications/notifier.js';
import type { Storage } from '../db/storage.js';
import { createSqlCaseRepository } from '../cases/sql-case-repository.js';

/** Who acts on a declaration: their membership in its community and their own title. */
export type Signer = Pick<Membership, 'role' | 'organisationId'> & { title: string | null };

export interface DeclarationDependencies {
  cases: CaseRepository;
  declarations: DeclarationRepository;
  rooms: RoomRegistry;
  documents: DocumentStore;
  /** Asks the organisations still to sign, in each signature's transaction. */
  notices?: CaseNotices;
  sql: Storage;
}

/** The declaration text held by `docs` (one per section, in order) and its hash. */
async function textOf(
  sections: ReadonlyArray<{ sectionId: string; title: string }>,
  docs: readonly Y.Doc[],
  sealedAt: string | null,
): Promise<DeclarationText> {
  return {
    contentHash: await hashConsensusContent(combinedContent(docs.map((doc) => doc.getXmlFragment(SECTION_FRAGMENT)))),
    sections: sections.map((section, index) => ({ ...section, blocks: readBlocks(docs[index]!) })),
    sealedAt,
  };
}

function docsOf(seal: DeclarationSeal): Y.Doc[] {
  return seal.sections.map((section) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, section.sealedState);
    return doc;
  });
}

/** Hospital trust first (as the partners are listed on the papers), then municipalities by name. */
export function partnerOrder(a: Pick<Organisation, 'side' | 'name'>, b: Pick<Organisation, 'side' | 'name'>): number {
  if (a.side !== b.side) return a.side === 'helseforetak' ? -1 : 1;
  return a.name.localeCompare(b.name, 'nb');
}

export class DeclarationService {
  constructor(private readonly deps: DeclarationDependencies) {}

  /**
   * The text partners sign: the sealed copy once the first signature sealed it, otherwise the
   * declaration sections as stored now. Null for a case with no such section.
   */
  async text(found: Case): Promise<DeclarationText | null> {
    const seal = await this.deps.declarations.seal(found.id);
    if (seal) {
      const docs = docsOf(seal);
      try {
        return await textOf(seal.sections, docs, seal.sealedAt);
      } finally {
        for (const doc of docs) doc.destroy();
      }
    }
    const sections = declarationTextSections(await this.deps.cases.listSections(found.id));
    if (sections.length === 0) return null;
    const docs = await Promise.all(sections.map((section) => loadSection(this.deps.documents, found.id, section.id)));
    try {
      return await textOf(
        sections.map((section) => ({ sectionId: section.id, title: section.title })),
        docs,
        null,
      );
    } finally {
      for (const doc of docs) doc.destroy();
    }
  }

  async view(found: Case, membership: Signer | null): Promise<DeclarationView> {
    const isDeclaration = await this.deps.declarations.isDeclaration(found.id);
    const community = await this.deps.cases.getCommunity(found.communityId);
    const signatures = isDeclaration ? await this.deps.declarations.signatures(found.id) : [];
    const partners: DeclarationPartner[] = (community?.organisations ?? [])
      .slice()
      .sort(partnerOrder)
      .map((organisation) => ({
        organisationId: organisation.id,
        organisationName: organisation.name,
        side: organisation.side,
        region: organisation.region,
        signature: signatures.find((s) => s.organisationId === organisation.id) ?? null,
      }));
    const own = membership?.organisationId
      ? partners.find((p) => p.organisationId === membership.organisationId)
      : undefined;
    const decision = decideDeclarationSigning(membership, {
      organisationId: own?.organisationId ?? '',
      isDeclaration,
      status: found.status,
      alreadySigned: own?.signature != null,
    });
    const withdrawal = decideSignatureWithdrawal(membership, {
      organisationId: own?.organisationId ?? '',
      isDeclaration,
      signed: own?.signature != null,
    });
    const signedCount = partners.filter((p) => p.signature).length;
    return {
      caseId: found.id,
      isDeclaration,
      partners: isDeclaration ? partners : [],
      signedCount,
      missingCount: isDeclaration ? partners.length - signedCount : 0,
      canSignFor: decision.allowed && own ? own.organisationId : null,
      refusal: decision.allowed ? null : decision.reason,
      canWithdrawFor: withdrawal.allowed && own ? own.organisationId : null,
      withdrawals: isDeclaration ? await this.deps.declarations.withdrawals(found.id) : [],
      text: isDeclaration ? await this.text(found) : null,
    };
  }

  /**
   * Signs for the signer's organisation, bound to the text the signer read (`contentHash`),
   * under the title in their profile. The first signature seals the text: it is read and
   * sealed inside each of its sections' rooms and fences, so no edit lands between the two,
   * and from then on every update to those sections is refused (isRoomSealed).
   */
  async sign(
    found: Case,
    signer: { userId: string; membership: Signer | null },
    input: { organisationId: string; contentHash: string },
  ): Promise<void> {
    const told = await this.signOnly(found, signer, input);
    // Committed: only now do the bells of those still to sign hear of it.
    told?.announce();
  }

  /**
   * One transaction: the signature (and the seal, for the first), and the notices asking the
   * organisations that have not signed yet. False when the signature was not written.
   */
  private async signAndAsk(
    row: Parameters<DeclarationRepository['sign']>[0],
    seal?: Parameters<DeclarationRepository['sign']>[1],
  ): Promise<Told | undefined | false> {
    return this.deps.sql.transaction(async (tx) => {
      const declarations = createSqlDeclarationRepository(tx);
      if (!(await declarations.sign(row, seal))) return false;
      const found = (await createSqlCaseRepository(tx).getCase(row.caseId))!;
      const community = await createSqlCaseRepository(tx).getCommunity(found.communityId);
      const signed = new Set((await declarations.signatures(found.id)).map((s) => s.organisationId));
      const waiting = (community?.organisations ?? []).filter((o) => !signed.has(o.id)).map((o) => o.id);
      return this.deps.notices?.signatureNeeded(tx, found.id, waiting, row.userId);
    });
  }

  private async signOnly(
    found: Case,
    signer: { userId: string; membership: Signer | null },
    input: { organisationId: string; contentHash: string },
  ): Promise<Told | undefined> {
    const community = await this.deps.cases.getCommunity(found.communityId);
    const organisation = community?.organisations.find((o) => o.id === input.organisationId);
    if (!organisation) throw new NotFound('Organisasjonen');
    const isDeclaration = await this.deps.declarations.isDeclaration(found.id);
    const signatures = isDeclaration ? await this.deps.declarations.signatures(found.id) : [];
    const decision = decideDeclarationSigning(signer.membership, {
      organisationId: organisation.id,
      isDeclaration,
      status: found.status,
      alreadySigned: signatures.some((s) => s.organisationId === organisation.id),
    });
    if (!decision.allowed) throw refusal(decision.reason);
    const row = {
      caseId: found.id,
      organisationId: organisation.id,
      userId: signer.userId,
      signerTitle: signer.membership!.title!.trim(),
    };

    const signSealed = async (seal: DeclarationSeal) => {
      if (seal.contentHash !== input.contentHash) throw new Conflict('stale-text');
      const told = await this.signAndAsk({ ...row, contentHash: seal.contentHash });
      return told === false ? this.refuseLostRace(found.id, organisation.id) : told;
    };
    const sealed = await this.deps.declarations.seal(found.id);
    if (sealed) return signSealed(sealed);

    const sections = declarationTextSections(await this.deps.cases.listSections(found.id));
    if (sections.length === 0) throw new Conflict('no-text');
    let told: Told | undefined;
    await this.inRooms(found.id, sections, async () => {
      // Someone may have sealed it while this waited for the rooms.
      const now = await this.deps.declarations.seal(found.id);
      if (now) {
        told = await signSealed(now);
        return;
      }
      const docs = await Promise.all(sections.map((section) => loadSection(this.deps.documents, found.id, section.id)));
      try {
        const contentHash = await hashConsensusContent(
          combinedContent(docs.map((doc) => doc.getXmlFragment(SECTION_FRAGMENT))),
        );
        if (contentHash !== input.contentHash) throw new Conflict('stale-text');
        const seal = {
          contentHash,
          sections: sections.map((section, index) => ({
            sectionId: section.id,
            title: section.title,
            sealedState: Y.encodeStateAsUpdate(docs[index]!),
          })),
        };
        const signed = await this.signAndAsk({ ...row, contentHash }, seal);
        told = signed === false ? await this.refuseLostRace(found.id, organisation.id) : signed;
      } finally {
        for (const doc of docs) doc.destroy();
      }
    });
    return told;
  }

  /** Runs `work` holding each section's room and fence, in order, as consensus locking does. */
  private async inRooms(
    caseId: string,
    sections: readonly Section[],
    work: () => Promise<void>,
    index = 0,
  ): Promise<void> {
    if (index === sections.length) return work();
    const room = sectionRoomName({ caseId, sectionId: sections[index]!.id });
    await this.deps.rooms.withRoom(room, () =>
      this.deps.documents.fenced(room, () => this.inRooms(caseId, sections, work, index + 1)),
    );
  }

  /** A signature that did not get written: the organisation signed meanwhile, or the text moved on. */
  private async refuseLostRace(caseId: string, organisationId: string): Promise<never> {
    const signed = (await this.deps.declarations.signatures(caseId)).some((s) => s.organisationId === organisationId);
    throw new Conflict(signed ? 'already-signed' : 'stale-text');
  }

  /** Withdraws the organisation's signature; the last one standing unseals the text (see the repository). */
  async withdraw(
    found: Case,
    signer: { userId: string; membership: Signer | null },
    organisationId: string,
  ): Promise<void> {
    const community = await this.deps.cases.getCommunity(found.communityId);
    if (!community?.organisations.some((o) => o.id === organisationId)) throw new NotFound('Organisasjonen');
    const isDeclaration = await this.deps.declarations.isDeclaration(found.id);
    const signatures = isDeclaration ? await this.deps.declarations.signatures(found.id) : [];
    const decision = decideSignatureWithdrawal(signer.membership, {
      organisationId,
      isDeclaration,
      signed: signatures.some((s) => s.organisationId === organisationId),
    });
    if (!decision.allowed) throw refusal(decision.reason);
    if (!(await this.deps.declarations.withdraw({ caseId: found.id, organisationId, userId: signer.userId }))) {
      throw new Conflict('not-signed');
    }
  }
}

/** A signature refused by the state of the case is a conflict; one refused for the signer, forbidden. */
function refusal(reason: DeclarationRefusal): Conflict | Forbidden {
  const conflicts: DeclarationRefusal[] = [
    'not-a-declaration',
    'not-agreed',
    'already-signed',
    'not-signed',
    'no-title',
    'no-text',
    'stale-text',
  ];
  return conflicts.includes(reason) ? new Conflict(reason) : Forbidden.because(reason);
}
