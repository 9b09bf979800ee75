import { getSchema } from '@tiptap/core';
import type { NodeType } from '@tiptap/pm/model';
import { SECTION_MARKS, SECTION_NODES, sectionContentProblem, type InsertionParent } from '@samraad/schema';
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
      expect(schema.nodes[name]!.isInline, name).toBe(rule.place === 'inline');
    }
  });

  it('lets an element hold exactly the elements the server lets it hold (a cell only in a row, a row only in a table)', () => {
    /** Every element type that may appear anywhere in `type`'s content. */
    const mayHold = (type: NodeType): Set<string> => {
      const names = new Set<string>();
      const seen = new Set([type.contentMatch]);
      const queue = [type.contentMatch];
      for (let match = queue.pop(); match; match = queue.pop()) {
        for (let index = 0; index < match.edgeCount; index++) {
          const { type: child, next } = match.edge(index);
          names.add(child.name);
          if (seen.has(next)) continue;
          seen.add(next);
          queue.push(next);
        }
      }
      return names;
    };
    const parents: Array<[InsertionParent, NodeType]> = [
      [{ kind: 'root' }, schema.topNodeType],
      ...Object.keys(SECTION_NODES).map((name): [InsertionParent, NodeType] => [
        { kind: 'element', nodeName: name },
        schema.nodes[name]!,
      ]),
    ];
    for (const [parent, type] of parents) {
      const held = mayHold(type);
      for (const child of Object.keys(SECTION_NODES)) {
        const allowed = sectionContentProblem(parent, { kind: 'element', nodeName: child }) === null;
        expect(allowed, `${type.name} holding ${child}`).toBe(held.has(child));
      }
    }
  });
});
