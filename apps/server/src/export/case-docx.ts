import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TextRun,
} from 'docx';
import { SIDE_LABEL, caseHeading, headerFields, norwegianDate, type CaseDocument } from './case-document.js';
import { agendaLine, meetingNotice, type MeetingDocument } from './meeting-document.js';
import { NUMBERING, sectionDocx } from './section-docx.js';

const FONT = 'Calibri';
function heading(
  text: string,
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_3,
): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(text)], spacing: { before: 240, after: 120 } });
}

/**
 * The case as a Word document laid out like the seed papers: "Partnerskapsmøte sak 04-2022"
 * and the title, the header block (Saksbehandler, Dato dok, Møtedato, Vår ref, Vedlegg), the
 * sections with the consensus wording first, then the approvals and a declaration's signatories.
 */
export async function renderCaseDocx(document: CaseDocument): Promise<Buffer> {
  return pack(`${caseHeading(document.case)} ${document.case.title}`, caseParagraphs(document, { next: 0 }));
}

/** A meeting: the notice and the agenda, then each case (and the minutes) on a new page. */
export async function renderMeetingDocx(document: MeetingDocument): Promise<Buffer> {
  const notice = meetingNotice(document);
  const counter = { next: 0 };
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(notice.title)], spacing: { after: 240 } }),
    ...notice.lines.map(
      ([label, value]) =>
        new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
    heading('Saksliste'),
  ];
  const agendaInstance = ++counter.next;
  for (const item of document.agenda) {
    children.push(
      new Paragraph({
        children: [new TextRun(agendaLine(item))],
        numbering: { reference: NUMBERING, level: 0, instance: agendaInstance },
      }),
    );
  }
  for (const paper of [...document.cases, ...(document.minutes ? [document.minutes] : [])]) {
    children.push(new Paragraph({ children: [new PageBreak()] }), ...caseParagraphs(paper, counter));
  }
  return pack(notice.title, children);
}

function caseParagraphs(document: CaseDocument, counter: { next: number }): Array<Paragraph | Table> {
  const c = document.case;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(caseHeading(c))] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(c.title)], spacing: { after: 240 } }),
    ...headerFields(document).map(
      ([label, value]) =>
        new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
    ),
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 4 } },
      children: [],
    }),
  ];

  for (const { section, blocks } of document.sections) {
    children.push(heading(`${section.title}:`));
    children.push(...sectionDocx(blocks, counter));
  }

  if (document.approvals.length > 0) {
    children.push(heading('Godkjenning av konsensus'));
    for (const approval of document.approvals) {
      children.push(
        new Paragraph({
          children: [
            new TextRun({ text: `${SIDE_LABEL[approval.side]}: `, bold: true }),
            new TextRun(`godkjent av ${approval.userName} ${norwegianDate(approval.approvedAt)}`),
          ],
        }),
      );
    }
  }

  if (document.signatories) {
    children.push(heading('Signert av partnerne'));
    for (const signature of document.signatories) {
      children.push(
        new Paragraph({
          children: [new TextRun(`${signature.signerTitle} ${signature.organisationName}`)],
          spacing: { before: 160 },
        }),
        new Paragraph({ children: [new TextRun({ text: signature.userName, bold: true })] }),
        new Paragraph({
          children: [new TextRun({ text: `Signert ${norwegianDate(signature.signedAt)}`, italics: true, size: 18 })],
        }),
      );
    }
    if (document.missingSignatories.length > 0) {
      children.push(
        new Paragraph({
          spacing: { before: 240 },
          children: [
            new TextRun({ text: 'Mangler signatur: ', bold: true }),
            new TextRun(document.missingSignatories.join(', ')),
          ],
        }),
      );
    }
  }

  return children;
}

function pack(title: string, children: Array<Paragraph | Table>): Promise<Buffer> {
  const doc = new Document({
    creator: 'Samråd',
    title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          // Nested numbered lists (up to three deep) count on their own level.
          levels: [0, 1, 2].map((level) => ({
            level,
            format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
