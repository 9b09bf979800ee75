import { getSchema } from '@tiptap/core';
import { SECTION_MARKS, SECTION_NODES } from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import { sectionContentExtensions } from './sectionExtensions.js';

const defaults = (attrs: Record<string, { default?: unknown }> | undefined) =>
  Object.fromEntries(Object.entries(attrs ?? {}).map(([key, spec]) => [key, spec.default ?? null]));

describe("the section editor's schema", () => {
  const schema = getSchema(sectionContentExtensions());

  it('has exactly the elements and attribute defaults the server accepts', () => {
    const editorNodes = Object.fromEntries(
      Object.entries(schema.nodes)
        // The root is the Yjs fragment itself and text is Yjs text: neither is an element.
        .filter(([name]) => name !== 'doc' && name !== 'text')
        .map(([name, type]) => [name, defaults(type.spec.attrs)]),
    );
    const sharedNodes = Object.fromEntries(Object.entries(SECTION_NODES).map(([name, rule]) => [name, rule.attrs]));
    expect(editorNodes).toEqual(sharedNodes);
  });

  it('has exactly the marks and mark attributes the server accepts', () => {
    const editorMarks = Object.fromEntries(
      Object.entries(schema.marks).map(([name, type]) => [name, defaults(type.spec.attrs)]),
    );
    expect(editorMarks).toEqual(SECTION_MARKS);
  });

  it('agrees with the shared shape on which elements are inline', () => {
    for (const [name, rule] of Object.entries(SECTION_NODES)) {
      expect(schema.nodes[name]!.isInline, name).toBe('inline' in rule);
    }
  });
});
