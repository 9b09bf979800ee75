import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

/**
 * Comments are anchored with Yjs relative positions into the section's text, so that the
 * anchored range follows concurrent edits. This pins the behaviour the product relies on,
 * at the level the server stores (base64 of Y.encodeRelativePosition).
 */
const encode = (position: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(position)).toString('base64');

function anchorWord(text: Y.XmlText, word: string) {
  const start = text.toJSON().indexOf(word);
  // The end is associated with the character before it (assoc -1), so typing right after
  // the word does not stretch the comment over the new text.
  return {
    start: encode(Y.createRelativePositionFromTypeIndex(text, start)),
    end: encode(Y.createRelativePositionFromTypeIndex(text, start + word.length, -1)),
  };
}

function covered(doc: Y.Doc, text: Y.XmlText, anchor: { start: string; end: string }): string {
  const resolve = (encoded: string) =>
    Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(encoded, 'base64')), doc)!.index;
  return text.toJSON().slice(resolve(anchor.start), resolve(anchor.end));
}

function sectionDoc(): { doc: Y.Doc; text: Y.XmlText } {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  doc.getXmlFragment('default').insert(0, [paragraph]);
  paragraph.insert(0, [text]);
  text.insert(
    0,
    'Partnerskapsmøtet ber SSU legge til rette for hensiktsmessige samhandlingsarenaer hvor partnerne har likeverdig eierskap',
  );
  return { doc, text };
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('comment anchors', () => {
  it('keep covering "samhandlingsarenaer" while two others edit before, inside and after it concurrently', () => {
    const { doc: server, text } = sectionDoc();
    const anchor = anchorWord(text, 'samhandlingsarenaer');

    const kommune = new Y.Doc();
    const sykehus = new Y.Doc();
    sync(server, kommune);
    sync(server, sykehus);
    const kText = (kommune.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const sText = (sykehus.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;

    // Concurrent, unsynchronised edits on both sides.
    kText.insert(0, 'Etter drøfting: ');
    kText.delete(kText.toJSON().indexOf(' ber SSU'), ' ber SSU'.length);
    sText.insert(sText.toJSON().indexOf('samhandlingsarenaer') + 'samhandlings'.length, 'XX');
    sText.insert(sText.length, ' og organisering.');
    kText.insert(kText.toJSON().indexOf('hensiktsmessige'), 'gode og ');
    sText.delete(sText.toJSON().indexOf('likeverdig'), 'likeverdig '.length);

    sync(kommune, sykehus);
    sync(sykehus, server);
    expect(covered(server, text, anchor)).toBe('samhandlingsXXarenaer');

    // The insertion inside the word is removed again: the anchor is back on exactly the word.
    sText.delete(sText.toJSON().indexOf('XX'), 2);
    sync(sykehus, server);
    expect(covered(server, text, anchor)).toBe('samhandlingsarenaer');
    expect(text.toJSON()).toContain('Etter drøfting: ');
    expect(text.toJSON()).toContain('gode og hensiktsmessige');
    expect(text.toJSON().endsWith(' og organisering.')).toBe(true);
  });

  it('collapses when the anchored text is deleted, which the UI shows as detached', () => {
    const { doc, text } = sectionDoc();
    const anchor = anchorWord(text, 'samhandlingsarenaer');
    text.delete(text.toJSON().indexOf('samhandlingsarenaer'), 'samhandlingsarenaer'.length);
    expect(covered(doc, text, anchor)).toBe('');
  });
});
