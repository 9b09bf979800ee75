import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';
import { anchoredWords, replaceWords } from './proposal-text.js';

const encode = (position: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(position)).toString('base64');

/** An anchor over `words` as the editor makes one: the start on its first character, the end tied to its last. */
function anchorOn(text: Y.XmlText, words: string, from = 0) {
  const start = text.toJSON().length === 0 ? -1 : plain(text).indexOf(words, from);
  return {
    start: encode(Y.createRelativePositionFromTypeIndex(text, start)),
    end: encode(Y.createRelativePositionFromTypeIndex(text, start + words.length, -1)),
  };
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>)
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

function section(...paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  paragraphs.forEach((words, index) => paragraphText(doc, index).insert(0, words));
  return doc;
}

describe('proposal anchors', () => {
  it('cover the proposed words while others type around them', () => {
    const doc = section('Kommunene støtter planen.');
    const text = paragraphText(doc);
    const anchor = anchorOn(text, 'støtter');
    text.insert(0, 'Alle ');
    text.insert(plain(text).length - 1, ' fullt ut');
    expect(anchoredWords(doc, anchor)?.words).toBe('støtter');
  });

  it('report the words as they are now once someone changed them, and nothing once they are gone', () => {
    const doc = section('Kommunene støtter planen.');
    const text = paragraphText(doc);
    const anchor = anchorOn(text, 'støtter planen');
    text.insert(plain(text).indexOf('planen'), 'hele ');
    expect(anchoredWords(doc, anchor)?.words).toBe('støtter hele planen');
    text.delete(plain(text).indexOf('støtter'), 'støtter hele planen'.length);
    expect(anchoredWords(doc, anchor)).toBeNull();
  });

  it('refuse a range across two paragraphs', () => {
    const doc = section('Første avsnitt.', 'Andre avsnitt.');
    const anchor = {
      start: anchorOn(paragraphText(doc, 0), 'avsnitt.').start,
      end: anchorOn(paragraphText(doc, 1), 'Andre').end,
    };
    expect(anchoredWords(doc, anchor)).toBeNull();
  });

  it('refuse bytes that are no position', () => {
    expect(anchoredWords(section('Tekst.'), { start: 'AAECAw==', end: 'BAUGBw==' })).toBeNull();
  });
});

describe('replacing the proposed words', () => {
  it('writes the replacement into the same paragraph text, with the marks of the first replaced character', () => {
    const doc = new Y.Doc();
    const text = paragraphText(doc);
    text.insert(0, 'Kommunene ');
    text.insert(10, 'støtter', { bold: {} });
    text.insert(17, ' planen.', {});
    const anchored = anchoredWords(doc, anchorOn(text, 'støtter'))!;
    doc.transact(() => replaceWords(anchored, 'slutter seg til'));
    expect(text.toDelta()).toEqual([
      { insert: 'Kommunene ' },
      { insert: 'slutter seg til', attributes: { bold: {} } },
      { insert: ' planen.' },
    ]);
    // Still one paragraph with one text, as the editor writes it.
    expect(doc.getXmlFragment('default').toString()).toBe(
      '<paragraph>Kommunene <bold>slutter seg til</bold> planen.</paragraph>',
    );
  });

  it('does not carry the marks of the text before into unmarked words', () => {
    const doc = new Y.Doc();
    const text = paragraphText(doc);
    text.insert(0, 'Viktig', { italic: {} });
    text.insert(6, ' tekst her.', {});
    const anchored = anchoredWords(doc, anchorOn(text, 'tekst'))!;
    replaceWords(anchored, 'ord');
    expect(text.toDelta()).toEqual([{ insert: 'Viktig', attributes: { italic: {} } }, { insert: ' ord her.' }]);
  });

  it('deletes the words when the replacement is empty', () => {
    const doc = section('Kommunene støtter planen fullt ut.');
    const text = paragraphText(doc);
    replaceWords(anchoredWords(doc, anchorOn(text, ' fullt ut'))!, '');
    expect(paragraphTexts(doc)).toEqual(['Kommunene støtter planen.']);
  });
});
