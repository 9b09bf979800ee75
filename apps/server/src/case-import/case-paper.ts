import {
  CaseNumberSchema,
  CaseReferenceSchema,
  sectionNodesText,
  type CaseImportPreview,
  type ImportedSection,
  type SectionKind,
  type SectionNode,
  type SectionOwner,
} from '@samraad/schema';

/**
 * A case paper's blocks read the way the papers are laid out (the seeds, and Samråd's own
 * export): "Partnerskapsmøte sak 04-2022", the title, the header fields (Saksbehandler, Dato
 * dok, Møtedato, Vår ref, Vedlegg), then one heading per section ("Innstilling til
 * konsensus:", "Bakgrunn:", "Kommunenes vurdering:", "Nordlandssykehuset HFs vurdering:" …)
 * with its text. A heading Samråd does not know starts a free section ("annet"); deeper
 * headings stay in their section's text.
 */
export function readCasePaper(blocks: readonly SectionNode[]): CaseImportPreview {
  const header: CaseImportPreview['header'] = {
    body: '',
    number: null,
    title: '',
    kind: 'beslutningssak',
    caseOfficers: [],
    documentDate: null,
    meetingDate: null,
    reference: null,
    attachments: [],
  };
  const sectionLevel = sectionHeadingLevel(blocks);
  const sections: ImportedSection[] = [];
  const beforeSections: SectionNode[] = [];
  let current: ImportedSection | null = null;
  let inAttachments = false;

  for (const block of blocks) {
    const text = lineOf(block);
    const field = headerField(text);
    if (field && (block.type === 'paragraph' || block.type === 'heading') && setField(header, field)) {
      inAttachments = field.label === 'vedlegg' && field.value === '';
      continue;
    }
    let start = startsSection(block, text, sectionLevel);
    // Before the first section, a heading Samråd does not know is the case's own (its title).
    if (start && start !== 'attachments' && !current && !header.title && !knownSection(headingName(text))) {
      start = null;
    }
    if (start === 'attachments') {
      inAttachments = true;
      continue;
    }
    if (start && sections.length < MAX_SECTIONS) {
      inAttachments = false;
      current = { ...start, content: [] };
      sections.push(current);
      continue;
    }
    if (inAttachments) {
      const titles = attachmentTitles(block);
      if (titles.length > 0) {
        header.attachments.push(...titles.map((title) => ({ title })));
        continue;
      }
      inAttachments = false;
    }
    if (!current) {
      const caseLine = CASE_LINE.exec(text);
      if (caseLine && !header.body) {
        header.body = caseLine[1]!.trim().slice(0, 100);
        const number = `${caseLine[2]!.padStart(2, '0')}-${caseLine[3]}`;
        header.number = CaseNumberSchema.safeParse(number).success ? number : null;
        continue;
      }
      if (!header.title && text.trim() && (block.type === 'heading' || block.type === 'paragraph')) {
        header.title = text.trim().slice(0, 300);
        continue;
      }
      beforeSections.push(block);
      continue;
    }
    current.content.push(withinSection(block, sectionLevel));
  }

  if (beforeSections.some((block) => lineOf(block).trim() || block.type !== 'paragraph')) {
    sections.unshift({ kind: 'annet', title: 'Innledende tekst', owner: 'shared', content: beforeSections });
  }
  oneConsensusWording(sections);
  header.kind = sections.some((section) => section.kind === 'innstilling') ? 'beslutningssak' : 'orienteringssak';
  return { header, sections: sections.slice(0, MAX_SECTIONS) };
}

/** As many sections as a case may be created with. */
const MAX_SECTIONS = 30;

/** "Partnerskapsmøte sak 04-2022", "SSU sak 4/2022". */
const CASE_LINE = /^\s*(.+?)\s+sak\s+(\d{1,3})\s*[-/]\s*(\d{4})\s*$/i;

/** The text of a paragraph or heading, one line; other blocks have none. */
function lineOf(block: SectionNode): string {
  return block.type === 'paragraph' || block.type === 'heading' ? sectionNodesText([block]).replace(/\s+/g, ' ') : '';
}

interface KnownSection {
  kind: SectionKind;
  owner: SectionOwner;
}

/** A heading's words, without numbering ("1. Bakgrunn") or the papers' closing colon. */
function headingName(text: string): string {
  return text
    .trim()
    .replace(/^\d+(\.\d+)*\.?\s+/, '')
    .replace(/\s*:\s*$/, '')
    .trim();
}

/** The sections Samråd knows by their heading, and who writes each. */
function knownSection(name: string): KnownSection | 'attachments' | null {
  const words = name.toLowerCase();
  if (/^(innstilling( til (konsensus|vedtak))?|anbefaling|forslag til (vedtak|konsensus|innstilling))$/.test(words)) {
    return { kind: 'innstilling', owner: 'shared' };
  }
  if (words === 'bakgrunn') return { kind: 'bakgrunn', owner: 'shared' };
  if (words === 'saksfremstilling') return { kind: 'saksfremstilling', owner: 'shared' };
  if (words === 'innledning') return { kind: 'innledning', owner: 'shared' };
  if (/^kommunenes vurdering$/.test(words)) return { kind: 'vurdering', owner: 'kommune' };
  if (/\bvurdering$/.test(words) && /(\bhf'?s?\b|helseforetak|sykehus)/.test(words)) {
    return { kind: 'vurdering', owner: 'helseforetak' };
  }
  if (/^vedlegg( \(t\))?$/.test(words)) return 'attachments';
  return null;
}

/**
 * The heading level that starts sections: that of the shallowest heading naming a known
 * section, or else of the shallowest heading after the case's own heading and title (the
 * export's H2 and H1). Null when the paper has no headings (then known names on a line of
 * their own, "Bakgrunn:", start the sections).
 */
function sectionHeadingLevel(blocks: readonly SectionNode[]): number | null {
  const headings = blocks.filter((block) => block.type === 'heading');
  const level = (block: SectionNode) => Number(block.attrs?.['level'] ?? 1);
  const known = headings.filter((block) => knownSection(headingName(lineOf(block))) !== null);
  if (known.length > 0) return Math.min(...known.map(level));
  const rest = headings.filter((block) => !CASE_LINE.test(lineOf(block))).slice(1);
  return rest.length > 0 ? Math.min(...rest.map(level)) : null;
}

function startsSection(
  block: SectionNode,
  text: string,
  sectionLevel: number | null,
): Omit<ImportedSection, 'content'> | 'attachments' | null {
  const name = headingName(text);
  if (!name) return null;
  const known = knownSection(name);
  const isSectionHeading =
    block.type === 'heading' && sectionLevel !== null && Number(block.attrs?.['level'] ?? 1) <= sectionLevel;
  // A known name alone on a line is a heading in papers written without heading styles ("Bakgrunn:").
  const isNamedLine = block.type === 'paragraph' && known !== null && name.length <= 60;
  if (!isSectionHeading && !isNamedLine) return null;
  if (known === 'attachments') return 'attachments';
  if (isSectionHeading && CASE_LINE.test(text)) return null;
  return { ...(known ?? { kind: 'annet', owner: 'shared' }), title: name.slice(0, 200) };
}

/** A heading inside a section keeps its place under the section heading: one level below it is level 1. */
function withinSection(block: SectionNode, sectionLevel: number | null): SectionNode {
  if (block.type !== 'heading' || sectionLevel === null) return block;
  const level = Math.min(Math.max(Number(block.attrs?.['level'] ?? 1) - sectionLevel, 1), 6);
  return { ...block, attrs: { level } };
}

type FieldLabel = 'saksbehandler' | 'dato dok' | 'møtedato' | 'vår ref' | 'vedlegg';

function headerField(text: string): { label: FieldLabel; value: string } | null {
  const match = /^\s*(saksbehandlere?|dato dok|møtedato|vår ref|vedlegg(?:\s*\(t\))?)\s*:\s*(.*)$/i.exec(text);
  if (!match) return null;
  const label = match[1]!
    .toLowerCase()
    .replace(/^saksbehandlere$/, 'saksbehandler')
    .replace(/^vedlegg.*/, 'vedlegg');
  return { label: label as FieldLabel, value: match[2]!.trim() };
}

/** Sets the field when the paper gives it and it is not set yet; false for a line that only looks like one. */
function setField(
  header: CaseImportPreview['header'],
  { label, value }: { label: FieldLabel; value: string },
): boolean {
  switch (label) {
    case 'saksbehandler':
      if (header.caseOfficers.length > 0) return false;
      header.caseOfficers = value
        .split(/\s*,\s*|\s+og\s+/)
        .map((name) => name.trim().slice(0, 200))
        .filter((name) => name.length > 0)
        .slice(0, 20);
      return true;
    case 'dato dok':
      if (header.documentDate) return false;
      header.documentDate = isoDate(value);
      return true;
    case 'møtedato':
      if (header.meetingDate) return false;
      header.meetingDate = isoDate(value);
      return true;
    case 'vår ref': {
      if (header.reference) return false;
      const reference = /\d{4}\/\d{1,6}/.exec(value)?.[0] ?? null;
      header.reference = reference && CaseReferenceSchema.safeParse(reference).success ? reference : null;
      return true;
    }
    case 'vedlegg':
      header.attachments.push(
        ...value
          .split(/\s*;\s*/)
          .filter((title) => title.length > 0)
          .map((title) => ({ title: title.slice(0, 300) })),
      );
      return true;
  }
}

const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

/** "04.10.2022" or "4. oktober 2022" as 2022-10-04; null for anything else, or a date that does not exist. */
export function isoDate(text: string): string | null {
  const numeric = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  const written = /^(\d{1,2})\.?\s+([a-zæøå]+)\s+(\d{4})$/i.exec(text.trim());
  const [day, month, year] = numeric
    ? [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])]
    : written
      ? [Number(written[1]), MONTHS.indexOf(written[2]!.toLowerCase()) + 1, Number(written[3])]
      : [0, 0, 0];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** The attachments listed under "Vedlegg": a line each, or a list's items. */
function attachmentTitles(block: SectionNode): string[] {
  if (block.type === 'paragraph') {
    const line = lineOf(block).trim();
    return line ? [line.slice(0, 300)] : [];
  }
  if (block.type === 'bulletList' || block.type === 'orderedList') {
    return (block.content ?? [])
      .map((item) =>
        sectionNodesText(item.content?.slice(0, 1) ?? [])
          .trim()
          .slice(0, 300),
      )
      .filter((title) => title.length > 0);
  }
  return [];
}

/** A case has one consensus wording; a second heading of that kind is read as a free section. */
function oneConsensusWording(sections: ImportedSection[]): void {
  let seen = false;
  for (const section of sections) {
    if (section.kind !== 'innstilling') continue;
    if (seen) section.kind = 'annet';
    seen = true;
  }
}
