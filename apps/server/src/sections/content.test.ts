import {
  SECTION_FRAGMENT,
  SECTION_NODES,
  sectionNodesText,
  type SectionNode,
  type SectionNodeName,
} from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoCases } from '../demo/cases.js';
import { assertSectionContent } from '../protocol/update-schema.js';
import { blockNode, readBlocks, writeBlocks, writeNodes } from './content.js';

/** Every element below `node` with the attributes it lacks compared to the editor's form. */
function missingDefaults(node: Y.XmlFragment): string[] {
  const missing: string[] = [];
  for (const child of node.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const attrs = child.getAttributes() as Record<string, unknown>;
    for (const [key, value] of Object.entries(SECTION_NODES[child.nodeName as SectionNodeName].attrs)) {
      if (value !== null && attrs[key] !== value) missing.push(`${child.nodeName}.${key}`);
    }
    missing.push(...missingDefaults(child));
  }
  return missing;
}

describe('documents the server writes itself', () => {
  const sections = demoCases.flatMap((demoCase) =>
    demoCase.sections.map((section) => ({ name: `${demoCase.id}/${section.id}`, blocks: section.blocks })),
  );

  it.each(sections)('are in the form the editor writes: $name', ({ blocks }) => {
    const doc = new Y.Doc();
    writeBlocks(doc, blocks);
    // The server's own check of raw updates accepts them as if typed...
    expect(() => assertSectionContent(new Y.Doc(), Y.encodeStateAsUpdate(doc))).not.toThrow();
    // ...and every element carries the attributes the editor would otherwise add on the first edit nearby.
    expect(missingDefaults(doc.getXmlFragment(SECTION_FRAGMENT))).toEqual([]);
  });

  it('write numbered lists with the start the editor gives them, and empty paragraphs without a text run', () => {
    const doc = new Y.Doc();
    writeBlocks(doc, [
      { type: 'orderedList', items: ['En'] },
      { type: 'paragraph', text: '' },
    ]);
    expect(doc.getXmlFragment(SECTION_FRAGMENT).toString()).toBe(
      '<orderedlist start="1"><listitem><paragraph>En</paragraph></listitem></orderedlist><paragraph></paragraph>',
    );
  });
});

describe('rich section text, read by y-tiptap and written back in the editor’s form', () => {
  const rich: SectionNode[] = [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Tall per kommune' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Viktig:', marks: [{ type: 'bold', attrs: {} }] },
        { type: 'text', text: ' se ' },
        {
          type: 'text',
          text: 'helse-nord.no',
          marks: [
            {
              type: 'link',
              attrs: {
                href: 'https://helse-nord.no',
                target: '_blank',
                rel: 'noopener noreferrer nofollow',
                class: null,
                title: null,
              },
            },
          ],
        },
      ],
    },
    blockNode({
      type: 'table',
      rows: [
        ['Kommune', 'Antall'],
        ['Bodø', '12'],
      ],
    }),
    blockNode({ type: 'orderedList', items: ['Første', 'Andre'] }),
  ];

  it('reads back what was written, and writes that back unchanged: headings, marks, links, tables and lists', () => {
    const doc = new Y.Doc();
    writeNodes(doc, rich);
    const read = readBlocks(doc);
    expect(read[0]).toEqual(rich[0]);
    expect(read[1]).toEqual(rich[1]);
    expect(read[2]!.content![1]!.content![0]).toEqual({
      type: 'tableCell',
      attrs: { colspan: 1, rowspan: 1 },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bodø' }] }],
    });
    expect(sectionNodesText(read)).toBe(
      'Tall per kommune\nViktig: se helse-nord.no\nKommune\nAntall\nBodø\n12\nFørste\nAndre',
    );
    const copy = new Y.Doc();
    writeNodes(copy, read);
    expect(copy.getXmlFragment(SECTION_FRAGMENT).toJSON()).toBe(doc.getXmlFragment(SECTION_FRAGMENT).toJSON());
  });

  it('writes a table the server accepts, with every attribute the editor stores', () => {
    const doc = new Y.Doc();
    writeNodes(doc, rich.slice(1));
    expect(missingDefaults(doc.getXmlFragment(SECTION_FRAGMENT))).toEqual([]);
    expect(() => assertSectionContent(new Y.Doc(), Y.encodeStateAsUpdate(doc))).not.toThrow();
    expect(doc.getXmlFragment(SECTION_FRAGMENT).toJSON()).toContain(
      '<table><tablerow><tableheader colspan="1" rowspan="1"><paragraph>Kommune</paragraph></tableheader>',
    );
  });
});
