import PDFDocument from 'pdfkit';
import { SIDE_LABEL, caseHeading, headerFields, norwegianDate, type CaseDocument } from './case-document.js';
import { agendaLine, meetingNotice, type MeetingDocument } from './meeting-document.js';
import { writeSectionPdf } from './section-pdf.js';

/**
 * The case as a PDF laid out like the seed papers, with PDFKit: pure JavaScript and the
 * standard PDF fonts (whose WinAnsi encoding covers æ, ø, å, « and »), so a server without a
 * display or a browser renders it in milliseconds.
 */
export function renderCasePdf(document: CaseDocument): Promise<Buffer> {
  return printed(`${caseHeading(document.case)} ${document.case.title}`, (pdf) => writeCase(pdf, document));
}

/** A meeting: the notice and the agenda, then each case (and the minutes) from a new page. */
export function renderMeetingPdf(document: MeetingDocument): Promise<Buffer> {
  const notice = meetingNotice(document);
  return printed(notice.title, (pdf) => {
    const left = pdf.page.margins.left;
    const width = pdf.page.width - left - pdf.page.margins.right;
    pdf.font('Helvetica-Bold').fontSize(17).text(notice.title, left, undefined, { width }).moveDown(0.6);
    for (const [label, value] of notice.lines) {
      pdf.font('Helvetica-Bold').fontSize(11).text(`${label}: `, left, undefined, { continued: true, width });
      pdf.font('Helvetica').text(value);
    }
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text('Saksliste', left, undefined, { width }).moveDown(0.3);
    document.agenda.forEach((item, index) => {
      const y = pdf.y;
      pdf
        .font('Helvetica')
        .fontSize(11)
        .text(`${index + 1}.`, left + 8, y, { width: 16 });
      pdf.text(agendaLine(item), left + 28, y, { width: width - 28, lineGap: 2 });
    });
    for (const paper of [...document.cases, ...(document.minutes ? [document.minutes] : [])]) {
      pdf.addPage();
      writeCase(pdf, paper);
    }
  });
}

function printed(title: string, write: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: { Title: title, Creator: 'Samråd' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  write(pdf);
  pdf.end();
  return done;
}

function writeCase(pdf: PDFKit.PDFDocument, document: CaseDocument): void {
  const c = document.case;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const left = pdf.page.margins.left;

  const heading = (text: string) => {
    pdf.moveDown(0.8).font('Helvetica-Bold').fontSize(12).text(text, left, undefined, { width }).moveDown(0.3);
  };
  pdf.font('Helvetica-Bold').fontSize(13).text(caseHeading(c), left, undefined, { width });
  pdf.moveDown(0.2).fontSize(17).text(c.title, { width });
  pdf.moveDown(0.6);
  for (const [label, value] of headerFields(document)) {
    pdf.font('Helvetica-Bold').fontSize(11).text(`${label}: `, left, undefined, { continued: true, width });
    pdf.font('Helvetica').text(value);
  }
  pdf.moveDown(0.4);
  pdf
    .moveTo(left, pdf.y)
    .lineTo(left + width, pdf.y)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();

  for (const { section, blocks } of document.sections) {
    heading(`${section.title}:`);
    writeSectionPdf(pdf, blocks, left, width);
  }

  if (document.approvals.length > 0) {
    heading('Godkjenning av konsensus');
    for (const approval of document.approvals) {
      pdf
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(`${SIDE_LABEL[approval.side]}: `, left, undefined, { continued: true, width });
      pdf.font('Helvetica').text(`godkjent av ${approval.userName} ${norwegianDate(approval.approvedAt)}`);
    }
  }

  if (document.signatories) {
    heading('Signert av partnerne');
    for (const signature of document.signatories) {
      if (pdf.y > pdf.page.height - pdf.page.margins.bottom - 60) pdf.addPage();
      pdf
        .font('Helvetica')
        .fontSize(11)
        .text(`${signature.signerTitle} ${signature.organisationName}`, left, undefined, { width });
      pdf.font('Helvetica-Bold').text(signature.userName, { width });
      pdf
        .font('Helvetica-Oblique')
        .fontSize(9)
        .text(`Signert ${norwegianDate(signature.signedAt)}`, { width })
        .moveDown(0.6);
    }
    if (document.missingSignatories.length > 0) {
      pdf
        .moveDown(0.4)
        .font('Helvetica-Bold')
        .fontSize(11)
        .text('Mangler signatur: ', left, undefined, { continued: true, width });
      pdf.font('Helvetica').text(document.missingSignatories.join(', '));
    }
  }
}
