import type { CommentAnchor } from '@samraad/schema';
import * as Y from 'yjs';

/** The words a proposal's anchor covers now: one paragraph's text and the range within it. */
export interface AnchoredWords {
  text: Y.XmlText;
  index: number;
  length: number;
  words: string;
}

function decode(encoded: string): Y.RelativePosition {
  return Y.decodeRelativePosition(Buffer.from(encoded, 'base64'));
}

type Delta = Array<{ insert: unknown; attributes?: Record<string, unknown> }>;

/**
 * Resolves an anchor (the same Yjs relative positions comments use) in a section document.
 * Null when it does not cover words of one paragraph's text: an end that no longer resolves,
 * a range that collapsed because its words were deleted, or one reaching across paragraphs
 * (a replacement is written into one text, so it can only stand for words of one).
 */
export function anchoredWords(doc: Y.Doc, anchor: CommentAnchor): AnchoredWords | null {
  let start: Y.AbsolutePosition | null;
  let end: Y.AbsolutePosition | null;
  try {
    start = Y.createAbsolutePositionFromRelativePosition(decode(anchor.start), doc);
    end = Y.createAbsolutePositionFromRelativePosition(decode(anchor.end), doc);
  } catch {
    return null;
  }
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  if (end.index <= start.index) return null;
  const text = start.type;
  const plain = (text.toDelta() as Delta).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  return { text, index: start.index, length: end.index - start.index, words: plain.slice(start.index, end.index) };
}

/** The marks of the character at `index`, as Yjs formatting attributes. */
function marksAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let offset = 0;
  for (const op of text.toDelta() as Delta) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < offset + length) return op.attributes ?? {};
    offset += length;
  }
  return {};
}

/**
 * Writes a proposal's replacement over the anchored words, in the form the editor writes text:
 * the words deleted and the replacement inserted into the same paragraph text, carrying the
 * marks of the first replaced character (bold stays bold, a link stays a link). Naming the
 * marks explicitly also ends those of the text before it, as typing over a selection does.
 */
export function replaceWords(anchored: AnchoredWords, replacement: string): void {
  const { text, index, length } = anchored;
  const marks = marksAt(text, index);
  text.delete(index, length);
  if (replacement.length > 0) text.insert(index, replacement, marks);
}
