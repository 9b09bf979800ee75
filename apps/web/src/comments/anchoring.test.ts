import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorFromRange, resolveAnchorIn, type AnchorBinding } from './anchoring.js';

/**
 * The anchoring code against real Yjs documents and the editor's own schema and y-tiptap
 * mapping, without a browser: a section is a Y.XmlFragment, and a "view" of it is what
 * y-tiptap renders (a ProseMirror document plus the Yjs-type-to-node mapping).
 */
const schema = getSchema([StarterKit.configure({ undoRedo: false })]);

const FIRST = 'I tråd med Helsefellesskapets vedtak legges det frem en sak om samhandlingsarenaer.';
const LAST = 'Partnerskapsmøtet tar saken til orientering.';

function sectionDoc(): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: FIRST }] },
        { type: 'paragraph', content: [{ type: 'text', text: LAST }] },
      ],
    },
    doc.getXmlFragment('default'),
  );
  return doc;
}

/** Renders the section as the editor would now, after whatever has been merged into it. */
function view(doc: Y.Doc) {
  const type = doc.getXmlFragment('default');
  const { doc: pmDoc, mapping } = initProseMirrorDoc(type, schema);
  const binding: AnchorBinding = { doc, type, mapping: mapping as AnchorBinding['mapping'] };
  return {
    binding,
    /** The editor range of the first occurrence of the words. */
    rangeOf: (words: string) => {
      let found: { from: number; to: number } | null = null;
      pmDoc.descendants((node, pos) => {
        const at = node.isText ? node.text!.indexOf(words) : -1;
        if (!found && at >= 0) found = { from: pos + at, to: pos + at + words.length };
      });
      if (!found) throw new Error(`"${words}" is not in the section`);
      return found as { from: number; to: number };
    },
    textBetween: (range: { from: number; to: number }) => pmDoc.textBetween(range.from, range.to),
    endOfText: pmDoc.content.size - 1,
  };
}

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  return (doc.getXmlFragment('default').get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Anchors the words in `doc` the way the comment composer does, and reads back what it covers. */
function anchorWords(doc: Y.Doc, words: string) {
  const { binding, rangeOf } = view(doc);
  const anchor = anchorFromRange(binding, rangeOf(words).from, rangeOf(words).to);
  expect(anchor).not.toBeNull();
  return anchor!;
}

function covered(doc: Y.Doc, anchor: ReturnType<typeof anchorWords>): string | null {
  const { binding, textBetween } = view(doc);
  const range = resolveAnchorIn(binding, anchor);
  return range ? textBetween(range) : null;
}

describe('comment anchors at the edges of a section', () => {
  it('the first words of the section (position 1) resolve to exactly those words', () => {
    const doc = sectionDoc();
    const anchor = anchorWords(doc, 'I tråd med');
    expect(view(doc).rangeOf('I tråd med').from).toBe(1);
    expect(covered(doc, anchor)).toBe('I tråd med');
  });

  it('the last words of the section, up to its very end, resolve to exactly those words', () => {
    const doc = sectionDoc();
    const anchor = anchorWords(doc, 'til orientering.');
    expect(view(doc).rangeOf('til orientering.').to).toBe(view(doc).endOfText);
    expect(covered(doc, anchor)).toBe('til orientering.');
  });

  it('the whole section, first character to last, resolves to all of it', () => {
    const doc = sectionDoc();
    const { binding, endOfText, textBetween } = view(doc);
    const anchor = anchorFromRange(binding, 1, endOfText)!;
    const range = resolveAnchorIn(binding, anchor);
    expect(range).toEqual({ from: 1, to: endOfText });
    expect(textBetween(range!)).toBe(FIRST + LAST);
  });

  it('text another writer types before the first words or after the last words stays outside the comments', () => {
    const server = sectionDoc();
    const first = anchorWords(server, 'I tråd med');
    const last = anchorWords(server, 'til orientering.');

    const other = new Y.Doc();
    sync(server, other);
    paragraphText(other, 0).insert(0, 'Innledningsvis: ');
    paragraphText(other, 1).insert(paragraphText(other, 1).length, ' Vedtaket er enstemmig.');
    sync(other, server);

    expect(paragraphText(server, 0).toJSON().startsWith('Innledningsvis: I tråd med')).toBe(true);
    expect(covered(server, first)).toBe('I tråd med');
    expect(covered(server, last)).toBe('til orientering.');
  });

  it('deleting the first characters leaves the rest of the first words anchored', () => {
    const doc = sectionDoc();
    const anchor = anchorWords(doc, 'I tråd med');
    paragraphText(doc, 0).delete(0, 2);
    expect(covered(doc, anchor)).toBe('tråd med');
  });

  it('is detached (null) once the anchored first or last words are deleted', () => {
    const doc = sectionDoc();
    const first = anchorWords(doc, 'I tråd med');
    const last = anchorWords(doc, 'til orientering.');
    paragraphText(doc, 0).delete(0, 'I tråd med'.length);
    const lastText = paragraphText(doc, 1);
    lastText.delete(lastText.length - 'til orientering.'.length, 'til orientering.'.length);
    expect(covered(doc, first)).toBeNull();
    expect(covered(doc, last)).toBeNull();
  });

  it('is detached (null) once the whole first paragraph is deleted', () => {
    const doc = sectionDoc();
    const first = anchorWords(doc, 'I tråd med');
    doc.getXmlFragment('default').delete(0, 1);
    expect(covered(doc, first)).toBeNull();
  });
});
