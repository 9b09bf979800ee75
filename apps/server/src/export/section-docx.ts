import {
  BorderStyle,
  ExternalHyperlink,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { SectionNode } from '@samraad/schema';

export const NUMBERING = 'samraad-numbered';

/** Headings inside a section sit under the section title (Heading 3). */
const HEADING_OF_LEVEL = [HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

interface ListContext {
  kind: 'bulletList' | 'orderedList';
  level: number;
  instance: number;
}

/** Numbers for each numbered list, so every list starts at 1. */
export interface ListCounter {
  next: number;
}

function runs(nodes: readonly SectionNode[] | undefined, strong: boolean): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      children.push(new TextRun({ text: '', break: 1 }));
      continue;
    }
    if (node.type !== 'text' || !node.text) continue;
    const has = (mark: string) => node.marks?.some((m) => m.type === mark) ?? false;
    const link = node.marks?.find((m) => m.type === 'link')?.attrs?.['href'];
    const run = new TextRun({
      text: node.text,
      bold: strong || has('bold'),
      italics: has('italic'),
      underline: has('underline') || typeof link === 'string' ? {} : undefined,
      strike: has('strike'),
      font: has('code') ? 'Consolas' : undefined,
      style: typeof link === 'string' ? 'Hyperlink' : undefined,
    });
    children.push(typeof link === 'string' ? new ExternalHyperlink({ link, children: [run] }) : run);
  }
  return children;
}

/**
 * Section text as Word paragraphs and tables: headings as Word headings, marks as run
 * formatting, links as hyperlinks, lists as Word lists (nested by level) and tables as real
 * Word tables with a repeated header row.
 */
export function sectionDocx(
  nodes: readonly SectionNode[],
  counter: ListCounter,
  strong = false,
): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  const block = (node: SectionNode, list: ListContext | null, extra: IParagraphOptions = {}) => {
    switch (node.type) {
      case 'paragraph':
      case 'codeBlock':
        out.push(
          new Paragraph({
            ...extra,
            children: runs(node.content, strong),
            spacing: list ? undefined : { after: 160 },
            ...(list
              ? list.kind === 'bulletList'
                ? { bullet: { level: list.level } }
                : { numbering: { reference: NUMBERING, level: list.level, instance: list.instance } }
              : {}),
          }),
        );
        return;
      case 'heading': {
        const level = Number(node.attrs?.['level'] ?? 1);
        out.push(
          new Paragraph({
            heading: HEADING_OF_LEVEL[Math.min(Math.max(level, 1), 3) - 1],
            children: runs(node.content, strong),
            spacing: { before: 200, after: 100 },
          }),
        );
        return;
      }
      case 'bulletList':
      case 'orderedList': {
        const inner: ListContext = {
          kind: node.type,
          level: list ? Math.min(list.level + 1, 8) : 0,
          instance: node.type === 'orderedList' ? ++counter.next : 0,
        };
        for (const item of node.content ?? []) for (const child of item.content ?? []) block(child, inner);
        return;
      }
      case 'blockquote':
        for (const child of node.content ?? []) block(child, list, { indent: { left: 567 } });
        return;
      case 'horizontalRule':
        out.push(
          new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 4 } } }),
        );
        return;
      case 'table':
        out.push(table(node, counter));
        return;
    }
  };
  for (const node of nodes) block(node, null);
  return out;
}

function table(node: SectionNode, counter: ListCounter): Table {
  const rows = node.content ?? [];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          // Word repeats a header row on every page; mammoth (and Word) read any tblHeader, even false, as one.
          ...(row.content?.every((cell) => cell.type === 'tableHeader') ? { tableHeader: true } : {}),
          children: (row.content ?? []).map((cell) => {
            // Header cells bold, as Word's own header rows look.
            const content = sectionDocx(cell.content ?? [], counter, cell.type === 'tableHeader');
            return new TableCell({
              columnSpan: Number(cell.attrs?.['colspan'] ?? 1),
              rowSpan: Number(cell.attrs?.['rowspan'] ?? 1),
              // Word needs a paragraph in every cell.
              children: content.length > 0 ? content : [new Paragraph({})],
            });
          }),
        }),
    ),
  });
}
