import { SECTION_FRAGMENT, SECTION_NODES, type SectionNodeName } from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoCases } from '../demo/cases.js';
import { assertSectionContent } from '../protocol/update-schema.js';
import { writeBlocks } from './content.js';

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
