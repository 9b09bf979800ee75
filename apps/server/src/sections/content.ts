import { SECTION_FRAGMENT, SECTION_NODES, type SectionBlock, type SectionNodeName } from '@samraad/schema';
import * as Y from 'yjs';

/**
 * Section text as the case papers have it: paragraphs and bullet lists. Written into the
 * same ProseMirror-shaped Yjs tree that Tiptap's Collaboration extension reads, so seeded
 * text opens in the editor as if someone had typed it.
 */
export type Block = SectionBlock;

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

function paragraph(text: string): Y.XmlElement {
  const created = element('paragraph');
  // An empty paragraph has no text run in the editor's form.
  if (text.length === 0) return created;
  const content = new Y.XmlText();
  content.insert(0, text);
  created.insert(0, [content]);
  return created;
}

function list(nodeName: 'bulletList' | 'orderedList', items: string[]): Y.XmlElement {
  const created = element(nodeName);
  created.insert(
    0,
    items.map((item) => {
      const listItem = element('listItem');
      listItem.insert(0, [paragraph(item)]);
      return listItem;
    }),
  );
  return created;
}

export function writeBlocks(doc: Y.Doc, blocks: readonly Block[]): void {
  const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
  doc.transact(() => {
    fragment.insert(
      fragment.length,
      blocks.map((block) => (block.type === 'paragraph' ? paragraph(block.text) : list(block.type, block.items))),
    );
  });
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

function elementText(element: Y.XmlElement): string {
  return element
    .toArray()
    .map((child) =>
      child instanceof Y.XmlText ? plainText(child) : child instanceof Y.XmlElement ? elementText(child) : '',
    )
    .join('');
}

/** A section as paragraphs and lists, for showing a version without an editor. */
export function readBlocks(doc: Y.Doc): Block[] {
  const blocks: Block[] = [];
  for (const node of doc.getXmlFragment(SECTION_FRAGMENT).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === 'bulletList' || node.nodeName === 'orderedList') {
      const items = node.toArray().flatMap((item) => (item instanceof Y.XmlElement ? [elementText(item)] : []));
      blocks.push({ type: node.nodeName, items });
    } else {
      blocks.push({ type: 'paragraph', text: elementText(node) });
    }
  }
  return blocks;
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
