import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeStateVectors, unsentText } from './unsentText.js';

/** A paragraph as y-prosemirror stores it: an element holding one text. */
function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** A server document with two paragraphs, and a browser's copy of it. */
function serverAndCopy() {
  const server = new Y.Doc();
  server
    .getXmlFragment('default')
    .insert(0, [paragraph('Kommunene støtter forslaget.'), paragraph('Bodø ber om mer tid.')]);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  return { server, copy, fragment: copy.getXmlFragment('default') };
}

const textOf = (fragment: Y.XmlFragment, index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe('unsentText', () => {
  it('is empty when the server has everything', () => {
    const { server, fragment } = serverAndCopy();
    expect(unsentText(fragment, Y.decodeStateVector(Y.encodeStateVector(server)))).toBe('');
  });

  it('gives back a new paragraph and words added to an existing one, a line each', () => {
    const { server, fragment } = serverAndCopy();
    fragment.insert(2, [paragraph('Vågan slutter seg til.')]);
    textOf(fragment, 0).insert('Kommunene støtter forslaget.'.length, ' Vi ber om en evaluering.');
    expect(unsentText(fragment, Y.decodeStateVector(Y.encodeStateVector(server)))).toBe(
      'Vi ber om en evaluering.\nVågan slutter seg til.',
    );
  });

  it('leaves out what was typed and deleted again, and marks gaps inside one paragraph', () => {
    const { server, fragment } = serverAndCopy();
    const text = textOf(fragment, 1);
    text.insert(0, 'Også ');
    text.insert(text.length, ' Snart.');
    text.insert(text.length, ' Feil');
    text.delete(text.length - ' Feil'.length, ' Feil'.length);
    expect(unsentText(fragment, Y.decodeStateVector(Y.encodeStateVector(server)))).toBe('Også … Snart.');
  });

  it('counts text as sent once the server state covers it, and not before', () => {
    const { server, copy, fragment } = serverAndCopy();
    const known = Y.decodeStateVector(Y.encodeStateVector(server));
    fragment.insert(2, [paragraph('Første.')]);
    const afterFirst = Y.decodeStateVector(Y.encodeStateVector(copy));
    fragment.insert(3, [paragraph('Andre.')]);
    expect(unsentText(fragment, known)).toBe('Første.\nAndre.');
    mergeStateVectors(known, afterFirst);
    expect(unsentText(fragment, known)).toBe('Andre.');
  });
});
