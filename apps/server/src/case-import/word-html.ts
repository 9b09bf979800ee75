import type { SectionNode } from '@samraad/schema';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { conformBlocks } from '../sections/conform.js';

/**
 * The HTML mammoth makes of a Word document, as section nodes in the editor's form.
 *
 * Read with htmlparser2 rather than the editor's own parser (ProseMirror's DOMParser over the
 * Tiptap schema), because that needs a browser DOM the server does not have (jsdom or
 * happy-dom would be a large dependency for one route). mammoth writes a small, fixed
 * vocabulary (p, h1–h6, ul/ol/li, table/tr/td/th, strong, em, u, s, a, br, sup, sub, img), so
 * the mapping is this short table; the result then goes through `conformBlocks`, which holds
 * it to the editor's schema, the one rule every text written by the server passes.
 */
export function wordHtmlToNodes(html: string): SectionNode[] {
  return conformBlocks(blocksOf(parseDocument(html).children));
}

const HEADING = /^h([1-6])$/;
const INLINE = new Set(['strong', 'b', 'em', 'i', 'u', 's', 'del', 'strike', 'code', 'a', 'span', 'sup', 'sub', 'br']);
const MARK_OF: Readonly<Record<string, string>> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  s: 'strike',
  del: 'strike',
  strike: 'strike',
  code: 'code',
};

type Mark = NonNullable<SectionNode['marks']>[number];

/** Block content; inline content standing between blocks is collected into a paragraph by `conformBlocks`. */
function blocksOf(nodes: readonly ChildNode[]): SectionNode[] {
  return nodes.flatMap((node): SectionNode[] => {
    if (isText(node)) return inlineOf([node], []);
    if (!isTag(node)) return [];
    const name = node.name.toLowerCase();
    const heading = HEADING.exec(name);
    if (heading)
      return [{ type: 'heading', attrs: { level: Number(heading[1]) }, content: inlineOf(node.children, []) }];
    switch (name) {
      case 'p':
        return [{ type: 'paragraph', content: inlineOf(node.children, []) }];
      case 'ul':
      case 'ol':
        return [
          {
            type: name === 'ul' ? 'bulletList' : 'orderedList',
            ...(name === 'ol' ? { attrs: { start: Number(node.attribs['start'] ?? 1) } } : {}),
            content: node.children.filter(isTag).map(listItemOf),
          },
        ];
      case 'table':
        return [{ type: 'table', content: rowsOf(node) }];
      case 'blockquote':
        return [{ type: 'blockquote', content: blocksOf(node.children) }];
      case 'pre':
        return [{ type: 'codeBlock', content: [{ type: 'text', text: textOf(node.children) }] }];
      case 'hr':
        return [{ type: 'horizontalRule' }];
      case 'img':
        return [];
      default:
        return INLINE.has(name) ? inlineOf([node], []) : blocksOf(node.children);
    }
  });
}

/** mammoth writes a list item's own text inline and a nested list after it: the text becomes its paragraph. */
function listItemOf(item: Element): SectionNode {
  return { type: 'listItem', content: blocksOf(item.children) };
}

function rowsOf(tableElement: Element): SectionNode[] {
  const rows: SectionNode[] = [];
  const visit = (element: Element) => {
    for (const child of element.children.filter(isTag)) {
      if (child.name === 'tr') {
        rows.push({
          type: 'tableRow',
          content: child.children
            .filter(isTag)
            .filter((cell) => cell.name === 'td' || cell.name === 'th')
            .map((cell) => ({
              type: cell.name === 'th' ? 'tableHeader' : 'tableCell',
              attrs: { colspan: Number(cell.attribs['colspan'] ?? 1), rowspan: Number(cell.attribs['rowspan'] ?? 1) },
              content: cell.name === 'th' ? withoutHeaderBold(blocksOf(cell.children)) : blocksOf(cell.children),
            })),
        });
      } else if (child.name !== 'table') visit(child);
    }
  };
  visit(tableElement);
  return rows;
}

function inlineOf(nodes: readonly ChildNode[], marks: readonly Mark[]): SectionNode[] {
  return nodes.flatMap((node): SectionNode[] => {
    if (isText(node)) return node.data ? [{ type: 'text', text: node.data, marks: [...marks] }] : [];
    if (!isTag(node)) return [];
    const name = node.name.toLowerCase();
    if (name === 'br') return [{ type: 'hardBreak' }];
    if (name === 'img') return [];
    const mark = MARK_OF[name];
    if (mark) return inlineOf(node.children, [...marks, { type: mark }]);
    // A bookmark or footnote anchor (href="#…") keeps its text and loses the link.
    if (name === 'a' && node.attribs['href'] && !node.attribs['href'].startsWith('#')) {
      const link: Mark = { type: 'link', attrs: { href: node.attribs['href'] } };
      // Word underlines a link to show it is one (the export does too): the look, not a mark of the text.
      return inlineOf(node.children, [...marks, link]).map((text) =>
        text.marks ? { ...text, marks: text.marks.filter((mark) => mark.type !== 'underline') } : text,
      );
    }
    return inlineOf(node.children, marks);
  });
}

/**
 * A header cell all in bold is drawn so by Word's header rows and by Samråd's export; the bold is
 * the look of a header cell, not a mark the text carries.
 */
function withoutHeaderBold(blocks: SectionNode[]): SectionNode[] {
  const texts: SectionNode[] = [];
  const collect = (node: SectionNode) => (node.type === 'text' ? texts.push(node) : node.content?.forEach(collect));
  blocks.forEach(collect);
  if (texts.length === 0 || !texts.every((text) => text.marks?.some((mark) => mark.type === 'bold'))) return blocks;
  for (const text of texts) text.marks = text.marks!.filter((mark) => mark.type !== 'bold');
  return blocks;
}

function textOf(nodes: readonly ChildNode[]): string {
  return nodes.map((node) => (isText(node) ? node.data : isTag(node) ? textOf(node.children) : '')).join('');
}
