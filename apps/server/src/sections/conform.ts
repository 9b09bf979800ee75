import { SECTION_MARKS, type SectionNode } from '@samraad/schema';

/**
 * Section text brought in from outside the editor (an imported Word paper, a case created with
 * starting text) rebuilt into the form the editor's own schema holds it in, so that opening it
 * changes nothing. The editor (Tiptap through y-prosemirror) would otherwise repair what does
 * not fit when it loads the text, and send the repair as an edit: a list item that does not
 * start with a paragraph, an empty cell, list or quote, a table whose rows differ in width
 * (prosemirror-tables pads them), marks in a code block, a code mark together with others.
 *
 * The rules are the content expressions of the editor's extensions (StarterKit and the table
 * extension; `sectionExtensions.ts`), which `SECTION_NODES` in @samraad/schema mirrors for
 * the server's check of live updates. Whatever is not a known node is unwrapped to its text,
 * never stored for the editor to drop.
 *
 * The result is in the JSON form the stored text reads back as (`readBlocks`): attributes
 * without a value left out, marks with their attributes, so what a review shows is exactly
 * what is stored.
 */
export function conformBlocks(nodes: readonly SectionNode[]): SectionNode[] {
  const blocks: SectionNode[] = [];
  let loose: SectionNode[] = [];
  const closeLoose = () => {
    const inline = conformInline(loose);
    if (inline.length > 0) blocks.push(paragraph(inline));
    loose = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'hardBreak') {
      loose.push(node);
      continue;
    }
    closeLoose();
    blocks.push(...conformBlock(node));
  }
  closeLoose();
  return blocks;
}

const paragraph = (content: SectionNode[]): SectionNode =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };

function conformBlock(node: SectionNode): SectionNode[] {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return [paragraph(conformInline(children))];
    case 'heading': {
      const level = Math.min(Math.max(Math.trunc(Number(node.attrs?.['level'])) || 1, 1), 6);
      const content = conformInline(children);
      return [{ type: 'heading', attrs: { level }, ...(content.length > 0 ? { content } : {}) }];
    }
    case 'codeBlock': {
      const text = plainText(children);
      const language = node.attrs?.['language'];
      return [
        {
          type: 'codeBlock',
          attrs: { language: typeof language === 'string' ? language.slice(0, 40) : null },
          ...(text ? { content: [{ type: 'text', text }] } : {}),
        },
      ];
    }
    case 'bulletList':
    case 'orderedList': {
      const items = children.flatMap((child) => (child.type === 'listItem' ? [listItem(child.content ?? [])] : []));
      if (items.length === 0) return conformBlocks(children);
      if (node.type === 'bulletList') return [{ type: 'bulletList', content: items }];
      const start = Math.trunc(Number(node.attrs?.['start']));
      const type = node.attrs?.['type'];
      return [
        {
          type: 'orderedList',
          attrs: {
            start: Number.isFinite(start) ? start : 1,
            ...(typeof type === 'string' ? { type: type.slice(0, 2) } : {}),
          },
          content: items,
        },
      ];
    }
    case 'blockquote': {
      const content = conformBlocks(children);
      return content.length > 0 ? [{ type: 'blockquote', content }] : [];
    }
    case 'horizontalRule':
      return [{ type: 'horizontalRule' }];
    case 'table': {
      const rows = children.filter((child) => child.type === 'tableRow');
      return rows.length > 0 ? [table(rows)] : conformBlocks(children);
    }
    default:
      // A list item, row or cell out of place, or a node the editor does not know: its content.
      return conformBlocks(children);
  }
}

/** A list item starts with a paragraph (StarterKit's `paragraph block*`). */
function listItem(children: readonly SectionNode[]): SectionNode {
  const content = conformBlocks(children);
  if (content[0]?.type !== 'paragraph') content.unshift(paragraph([]));
  return { type: 'listItem', content };
}

const CELL_TYPES = new Set(['tableCell', 'tableHeader']);
const span = (value: unknown) => Math.min(Math.max(Math.trunc(Number(value)) || 1, 1), 50);

/**
 * A table whose every row covers the same columns once merged cells are counted, as
 * prosemirror-tables' TableMap wants: spans are cut to fit the table and any cell they would
 * overlap, and short rows get empty cells at their end.
 */
function table(rows: readonly SectionNode[]): SectionNode {
  const taken: boolean[][] = rows.map(() => []);
  const placed = rows.map((row, rowIndex) => {
    const cells: SectionNode[] = [];
    let column = 0;
    for (const cell of (row.content ?? []).filter((child) => CELL_TYPES.has(child.type))) {
      while (taken[rowIndex]![column]) column++;
      const rowspan = Math.min(span(cell.attrs?.['rowspan']), rows.length - rowIndex);
      let colspan = 1;
      while (colspan < span(cell.attrs?.['colspan']) && !taken[rowIndex]![column + colspan]) colspan++;
      for (let r = rowIndex; r < rowIndex + rowspan; r++) {
        for (let c = column; c < column + colspan; c++) taken[r]![c] = true;
      }
      column += colspan;
      cells.push(tableCell(cell.type, cell.content ?? [], colspan, rowspan, cell.attrs?.['align']));
    }
    return cells;
  });
  const width = Math.max(1, ...taken.map((row) => row.length));
  return {
    type: 'table',
    content: placed.map((cells, rowIndex) => {
      const missing = Array.from({ length: width }, (_, c) => c).filter((c) => !taken[rowIndex]![c]).length;
      for (let i = 0; i < missing; i++) cells.push(tableCell('tableCell', [], 1, 1, null));
      return { type: 'tableRow', content: cells };
    }),
  };
}

function tableCell(type: string, children: readonly SectionNode[], colspan: number, rowspan: number, align: unknown) {
  const content = conformBlocks(children);
  return {
    type,
    attrs: { colspan, rowspan, ...(align === 'left' || align === 'center' || align === 'right' ? { align } : {}) },
    content: content.length > 0 ? content : [paragraph([])],
  };
}

const KNOWN_MARKS: ReadonlySet<string> = new Set(Object.keys(SECTION_MARKS));

/** Text and line breaks with known marks; anything else inline is unwrapped to its text. */
function conformInline(nodes: readonly SectionNode[]): SectionNode[] {
  const inline: SectionNode[] = [];
  const visit = (node: SectionNode) => {
    if (node.type === 'hardBreak') {
      inline.push({ type: 'hardBreak' });
      return;
    }
    if (node.type !== 'text') {
      (node.content ?? []).forEach(visit);
      return;
    }
    if (!node.text) return;
    const marks = conformMarks(node.marks ?? []);
    const previous = inline.at(-1);
    // Neighbours with the same marks are one text, as ProseMirror keeps them.
    if (previous?.type === 'text' && JSON.stringify(previous.marks ?? []) === JSON.stringify(marks)) {
      previous.text += node.text;
      return;
    }
    inline.push(marks.length > 0 ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text });
  };
  nodes.forEach(visit);
  return inline;
}

type Mark = NonNullable<SectionNode['marks']>[number];

/** Known marks once each, in a fixed order; a link only to a web or mail address; code alone (it excludes the rest). */
function conformMarks(marks: readonly Mark[]): Mark[] {
  const kept = new Map<string, Mark>();
  for (const mark of marks) {
    if (!KNOWN_MARKS.has(mark.type) || kept.has(mark.type)) continue;
    if (mark.type === 'link') {
      const href = mark.attrs?.['href'];
      if (typeof href !== 'string' || !/^(https?:|mailto:)/i.test(href)) continue;
      kept.set('link', { type: 'link', attrs: { ...SECTION_MARKS.link, href } });
      continue;
    }
    kept.set(mark.type, { type: mark.type, attrs: {} });
  }
  if (kept.has('code')) return [{ type: 'code', attrs: {} }];
  return [...KNOWN_MARKS].flatMap((name) => {
    const mark = kept.get(name);
    return mark ? [mark] : [];
  });
}

function plainText(nodes: readonly SectionNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? (node.text ?? '') : plainText(node.content ?? []))).join('');
}
