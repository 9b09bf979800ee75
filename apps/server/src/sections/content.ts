import {
  SECTION_FRAGMENT,
  SECTION_NODES,
  sectionMarkRule,
  sectionNodeRule,
  type SectionNode,
  type SectionNodeName,
} from '@samraad/schema';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { conformBlocks } from './conform.js';

/**
 * Section text as the seed papers are written: paragraphs, lists and tables of plain text
 * (a table's first row is its header). Written into the same ProseMirror-shaped Yjs tree that
 * Tiptap's Collaboration extension reads, so seeded text opens in the editor as if someone had
 * typed it.
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'bulletList'; items: string[] }
  | { type: 'orderedList'; items: string[] }
  | { type: 'table'; rows: string[][] };

/**
 * An element as the editor writes it: every attribute whose default is not null is stored
 * (y-prosemirror writes them so), or the editor would add them on the first edit nearby.
 */
function element(nodeName: SectionNodeName): Y.XmlElement {
  const created = new Y.XmlElement(nodeName);
  for (const [key, value] of Object.entries(SECTION_NODES[nodeName].attrs)) {
    // Yjs stores attribute values as given; its typing says string, the editor keeps numbers.
    if (value !== null) created.setAttribute(key, value as unknown as string);
  }
  return created;
}

const textNode = (text: string): SectionNode[] => (text.length === 0 ? [] : [{ type: 'text', text }]);
export const paragraphNode = (text: string): SectionNode => ({ type: 'paragraph', content: textNode(text) });

/** A seed block as the editor's JSON. */
export function blockNode(block: Block): SectionNode {
  switch (block.type) {
    case 'paragraph':
      return paragraphNode(block.text);
    case 'bulletList':
    case 'orderedList':
      return {
        type: block.type,
        content: block.items.map((item) => ({ type: 'listItem', content: [paragraphNode(item)] })),
      };
    case 'table':
      return {
        type: 'table',
        content: block.rows.map((cells, row) => ({
          type: 'tableRow',
          content: cells.map((cell) => ({
            type: row === 0 ? 'tableHeader' : 'tableCell',
            content: [paragraphNode(cell)],
          })),
        })),
      };
  }
}

/**
 * Writes nodes of the editor's JSON (as `readBlocks` gives them) into a Yjs element the way
 * y-tiptap would: non-null attributes stored, defaults filled in, a run of text nodes as one
 * formatted text. Unknown nodes and marks are left out rather than stored for the editor to drop.
 */
function writeNode(node: SectionNode): Y.XmlElement | null {
  const rule = sectionNodeRule(node.type);
  if (!rule) return null;
  const created = element(node.type as SectionNodeName);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (Object.hasOwn(rule.attrs, key) && value !== null && value !== undefined)
      created.setAttribute(key, value as string);
  }
  created.insert(0, writeChildren(node.content ?? []));
  return created;
}

function writeChildren(nodes: readonly SectionNode[]): Array<Y.XmlElement | Y.XmlText> {
  const written: Array<Y.XmlElement | Y.XmlText> = [];
  // A text not yet in a document reports no length: the run's length is counted here.
  let run: { text: Y.XmlText; length: number } | null = null;
  for (const node of nodes) {
    if (node.type === 'text') {
      if (!node.text) continue;
      if (!run) {
        run = { text: new Y.XmlText(), length: 0 };
        written.push(run.text);
      }
      const marks: Record<string, object> = {};
      for (const mark of node.marks ?? []) {
        const defaults = sectionMarkRule(mark.type);
        if (defaults) marks[mark.type] = { ...defaults, ...pick(defaults, mark.attrs) };
      }
      // Yjs ends the left neighbour's marks that this run does not name.
      run.text.insert(run.length, node.text, marks);
      run.length += node.text.length;
      continue;
    }
    run = null;
    const child = writeNode(node);
    if (child) written.push(child);
  }
  return written;
}

function pick(allowed: object, attrs: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attrs ?? {}).filter(([key]) => Object.hasOwn(allowed, key)));
}

/** Appends nodes in the editor's JSON form (a restored or copied text) to the section. */
export function writeNodes(doc: Y.Doc, nodes: readonly SectionNode[]): void {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    fragment.insert(
      fragment.length,
      nodes.flatMap((node) => {
        const written = writeNode(node);
        return written ? [written] : [];
      }),
    );
  });
}

/**
 * Text brought in from outside the editor (an imported paper) as a section's first state: held
 * to the editor's schema first (`conformBlocks`), so opening it writes nothing.
 */
export function startingContent(nodes: readonly SectionNode[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    writeNodes(doc, conformBlocks(nodes));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export function writeBlocks(doc: Y.Doc, blocks: readonly Block[]): void {
  writeNodes(doc, blocks.map(blockNode));
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>)
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** Plain text of a section, one line per paragraph; for tests, search and export. */
/** Whether two documents hold the same content, structure and formatting included. */
export function sameContent(a: Y.Doc, b: Y.Doc): boolean {
  return a.getXmlFragment(SECTION_FRAGMENT).toString() === b.getXmlFragment(SECTION_FRAGMENT).toString();
}

export function sectionText(doc: Y.Doc): string {
  const lines: string[] = [];
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) return;
    if (!(node instanceof Y.XmlElement)) return;
    if (node.nodeName === 'paragraph' || node.nodeName === 'heading') {
      lines.push(
        node
          .toArray()
          .map((child) => (child instanceof Y.XmlText ? plainText(child) : ''))
          .join(''),
      );
      return;
    }
    node.toArray().forEach(visit);
  };
  doc.getXmlFragment(SECTION_FRAGMENT).toArray().forEach(visit);
  return lines.join('\n');
}

/**
 * A section's text in the editor's own JSON form, read by y-tiptap (the binding the editor
 * itself uses), so every heading, mark, list, link and table is there for views and exports.
 */
export function readBlocks(doc: Y.Doc): SectionNode[] {
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(SECTION_FRAGMENT)) as SectionNode;
  return json.content ?? [];
}

/**
 * Makes `target` hold the same content as `source`, as one ordinary change (the old content
 * deleted, copies inserted), so a restore is a new step in the history, not a rewrite of it.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc): void {
  const to = target.getXmlFragment(SECTION_FRAGMENT);
  const from = source.getXmlFragment(SECTION_FRAGMENT);
  target.transact(() => {
    if (to.length > 0) to.delete(0, to.length);
    to.insert(
      0,
      from
        .toArray()
        .flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : [])),
    );
  });
}
