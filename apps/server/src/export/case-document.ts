import {
  CONSENSUS_SECTION_KIND,
  sectionRoomName,
  type Approval,
  type Case,
  type DeclarationSignature,
  type Publication,
  type Section,
  type SectionBlock,
} from '@samraad/schema';
import * as Y from 'yjs';
import type { CaseRepository } from '../cases/case-repository.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import type { DeclarationRepository } from '../declarations/declaration-repository.js';
import { partnerOrder } from '../declarations/declaration-service.js';
import type { DocumentStore } from '../persistence/document-store.js';
import type { PublicationRepository } from '../publication/publication-repository.js';
import { readBlocks } from '../sections/content.js';

/**
 * A case as its paper prints it: the header block, the sections in order with their text,
 * the approvals the consensus rests on, and a declaration's signatories. Export (DOCX, PDF)
 * and the public page are all drawn from this one model.
 */
export interface CaseDocument {
  case: Case;
  communityName: string;
  sections: Array<{ section: Section; blocks: SectionBlock[]; locked: boolean }>;
  /** Approvals standing now (not voided), oldest first. */
  approvals: Approval[];
  /** Null for a case that is not a declaration. */
  signatories: DeclarationSignature[] | null;
  /** Partners that have not signed yet (declarations only). */
  missingSignatories: string[];
  /** The publication the header and text were read from; null for a case never published. */
  publication: Publication | null;
}

export interface CaseDocumentSources {
  cases: CaseRepository;
  documents: DocumentStore;
  consensus: ConsensusRepository;
  declarations: DeclarationRepository;
  publications: Pick<PublicationRepository, 'latest'>;
}

/** The consensus wording first ("Innstilling til konsensus"/"Anbefaling"), then the rest in order. */
function paperOrder(sections: Section[]): Section[] {
  const ordered = sections.slice().sort((a, b) => a.position - b.position);
  const consensus = ordered.filter((s) => s.kind === CONSENSUS_SECTION_KIND);
  return [...consensus, ...ordered.filter((s) => s.kind !== CONSENSUS_SECTION_KIND)];
}

/**
 * Text of a section: the sealed copy when it is locked by consensus or sealed as a signed
 * declaration's text (what was agreed or signed, byte for byte), otherwise the stored
 * document, which holds every update the server has relayed.
 */
async function sectionBlocks(
  sources: CaseDocumentSources,
  caseId: string,
  sectionId: string,
  locked: boolean,
  signed: Uint8Array | null,
): Promise<SectionBlock[]> {
  const doc = new Y.Doc();
  try {
    const sealed = (locked ? await sources.consensus.sealedState(caseId, sectionId) : null) ?? signed;
    if (sealed) {
      Y.applyUpdate(doc, sealed);
    } else {
      for (const update of await sources.documents.load(sectionRoomName({ caseId, sectionId })))
        Y.applyUpdate(doc, update);
    }
    return readBlocks(doc);
  } finally {
    doc.destroy();
  }
}

/** Blocks of a section from a frozen state (a publication), never from a live document. */
function frozenBlocks(state: Uint8Array): SectionBlock[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readBlocks(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The case paper. A case that has been published is read entirely from its newest
 * publication (header, sections and their text as frozen), so the public page and every
 * export show what was published even while a correction is being written.
 */
export async function loadCaseDocument(
  sources: CaseDocumentSources,
  found: Case,
  /** In a meeting's papers every case carries the meeting's own date, frozen or not. */
  { meetingDate }: { meetingDate?: string | null } = {},
): Promise<CaseDocument> {
  const [community, sections, locks, approvals, isDeclaration, frozen] = await Promise.all([
    sources.cases.getCommunity(found.communityId),
    sources.cases.listSections(found.id),
    sources.consensus.locks(found.id),
    sources.consensus.approvals(found.id),
    sources.declarations.isDeclaration(found.id),
    sources.publications.latest(found.id),
  ]);
  const lockedIds = new Set(locks.map((l) => l.sectionId));
  const seal = isDeclaration ? await sources.declarations.seal(found.id) : null;
  const withText = [];
  if (frozen) {
    const states = new Map(frozen.sections.map((s) => [s.section.id, s.state]));
    for (const section of paperOrder(frozen.sections.map((s) => ({ ...s.section, caseId: found.id })))) {
      withText.push({ section, locked: lockedIds.has(section.id), blocks: frozenBlocks(states.get(section.id)!) });
    }
  } else {
    for (const section of paperOrder(sections)) {
      const signed = seal?.sections.find((s) => s.sectionId === section.id)?.sealedState ?? null;
      const locked = lockedIds.has(section.id) || signed !== null;
      withText.push({
        section,
        locked,
        blocks: await sectionBlocks(sources, found.id, section.id, lockedIds.has(section.id), signed),
      });
    }
  }
  const signatures = isDeclaration ? await sources.declarations.signatures(found.id) : null;
  const partners = (community?.organisations ?? []).slice().sort(partnerOrder);
  const signatories = signatures ? partners.flatMap((p) => signatures.filter((s) => s.organisationId === p.id)) : null;
  return {
    case: {
      ...(frozen ? { ...frozen.header, status: found.status } : found),
      ...(meetingDate !== undefined ? { meetingDate } : {}),
    },
    communityName: community?.name ?? '',
    sections: withText,
    approvals: approvals.filter((a) => a.voidedAt === null),
    signatories,
    missingSignatories: signatures
      ? partners.filter((p) => !signatures.some((s) => s.organisationId === p.id)).map((p) => p.name)
      : [],
    publication: frozen?.publication ?? null,
  };
}

/** "04.10.2022", as the papers print dates. */
export function norwegianDate(iso: string | null): string {
  if (!iso) return '';
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}.${month}.${year}`;
}

export const SIDE_LABEL = { kommune: 'Kommunene', helseforetak: 'Helseforetaket' } as const;

/** The header block's fields, label and value, in the papers' order; empty ones left out. */
export function headerFields(document: CaseDocument): Array<[string, string]> {
  const c = document.case;
  const fields: Array<[string, string]> = [
    ['Saksbehandler', c.caseOfficers.join(', ')],
    ['Dato dok', norwegianDate(c.documentDate)],
    ['Møtedato', norwegianDate(c.meetingDate)],
    ['Vår ref', c.reference ?? ''],
    ['Vedlegg', c.attachments.map((a) => a.title).join('; ')],
  ];
  return fields.filter(([, value]) => value !== '');
}

/** "Partnerskapsmøte sak 04-2022". */
export function caseHeading(c: Case): string {
  return `${c.body} sak ${c.number}`;
}

/** Title of a section on paper: the consensus section carries the papers' own heading. */
export function sectionHeading(section: Section): string {
  return section.title;
}

/** Norwegian text as a safe part of a download's file name: "Partnerskapsmøte sak 04-2022" → "partnerskapsmote-sak-04-2022". */
export function fileNamePart(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A safe file name for downloads: "partnerskapsmote-sak-04-2022". */
export function exportFileName(c: Case): string {
  return fileNamePart(caseHeading(c)) || 'sak';
}
