import { sectionNodesText, type SectionNode } from '@samraad/schema';

const FONT_OF: Record<string, string> = {
  '': 'Helvetica',
  b: 'Helvetica-Bold',
  i: 'Helvetica-Oblique',
  bi: 'Helvetica-BoldOblique',
};

/** A paragraph's text runs, each in its own font, underlined or linked as its marks say. */
function writeRuns(
  pdf: PDFKit.PDFDocument,
  nodes: readonly SectionNode[],
  at: { x: number; width: number },
  strong = false,
) {
  const runs = nodes.flatMap((node): Array<{ text: string; marks: Set<string>; href?: string }> => {
    if (node.type === 'hardBreak') return [{ text: '\n', marks: new Set() }];
    if (node.type !== 'text' || !node.text) return [];
    const href = node.marks?.find((m) => m.type === 'link')?.attrs?.['href'];
    return [
      {
        text: node.text,
        marks: new Set(node.marks?.map((m) => m.type)),
        href: typeof href === 'string' ? href : undefined,
      },
    ];
  });
  if (runs.length === 0) runs.push({ text: ' ', marks: new Set() });
  runs.forEach((run, index) => {
    const key = `${strong || run.marks.has('bold') ? 'b' : ''}${run.marks.has('italic') ? 'i' : ''}`;
    pdf.font(FONT_OF[key]!);
    const options: PDFKit.Mixins.TextOptions = {
      width: at.width,
      lineGap: 2,
      continued: index < runs.length - 1,
      underline: run.marks.has('underline') || run.href !== undefined,
      strike: run.marks.has('strike'),
      link: run.href ?? null,
    };
    if (index === 0) pdf.text(run.text, at.x, undefined, options);
    else pdf.text(run.text, options);
  });
}

/**
 * Section text into a PDF: headings larger and bold, marks as fonts and lines, lists with
 * their markers (nested lists indented), tables as real tables with a bold header row.
 */
export function writeSectionPdf(pdf: PDFKit.PDFDocument, nodes: readonly SectionNode[], left: number, width: number) {
  const body = () => pdf.font('Helvetica').fontSize(11).fillColor('black');
  const block = (node: SectionNode, x: number, w: number) => {
    body();
    switch (node.type) {
      case 'paragraph':
      case 'codeBlock':
        writeRuns(pdf, node.content ?? [], { x, width: w });
        pdf.moveDown(0.5);
        return;
      case 'heading': {
        const level = Number(node.attrs?.['level'] ?? 1);
        pdf.moveDown(0.3).fontSize(level === 1 ? 13 : level === 2 ? 12 : 11);
        writeRuns(pdf, node.content ?? [], { x, width: w }, true);
        pdf.moveDown(0.3);
        return;
      }
      case 'bulletList':
      case 'orderedList':
        (node.content ?? []).forEach((item, index) => {
          const start = Number(node.attrs?.['start'] ?? 1);
          const marker = node.type === 'bulletList' ? '•' : `${start + index}.`;
          const y = pdf.y;
          body();
          pdf.text(marker, x + 8, y, { width: 18 });
          pdf.y = y;
          (item.content ?? []).forEach((child, childIndex) => {
            if (childIndex === 0 && child.type === 'paragraph') {
              pdf.font('Helvetica');
              writeRuns(pdf, child.content ?? [], { x: x + 28, width: w - 28 });
            } else block(child, x + 28, w - 28);
          });
        });
        pdf.moveDown(0.5);
        return;
      case 'blockquote':
        (node.content ?? []).forEach((child) => block(child, x + 16, w - 16));
        return;
      case 'horizontalRule':
        pdf
          .moveTo(x, pdf.y)
          .lineTo(x + w, pdf.y)
          .lineWidth(0.5)
          .strokeColor('#999999')
          .stroke()
          .moveDown(0.5);
        return;
      case 'table':
        pdf.x = x;
        pdf.table({
          position: { x },
          maxWidth: w,
          data: (node.content ?? []).map((row) =>
            (row.content ?? []).map((cell) => ({
              text: sectionNodesText(cell.content ?? []),
              type: cell.type === 'tableHeader' ? ('TH' as const) : ('TD' as const),
              colSpan: Number(cell.attrs?.['colspan'] ?? 1),
              rowSpan: Number(cell.attrs?.['rowspan'] ?? 1),
              font: { src: cell.type === 'tableHeader' ? 'Helvetica-Bold' : 'Helvetica', size: 10 },
            })),
          ),
        });
        pdf.x = x;
        pdf.moveDown(0.5);
        return;
    }
  };
  for (const node of nodes) block(node, left, width);
}
