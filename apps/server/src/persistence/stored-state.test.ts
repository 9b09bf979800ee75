import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyStored, foldStored } from './stored-state.js';

/** One update per keystroke, as a typist's client sends them. */
function typed(text: string, deleteEvery = 0): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const t = doc.getText('t');
  for (const [i, char] of [...text].entries()) {
    t.insert(t.length, char);
    if (deleteEvery > 0 && i % deleteEvery === deleteEvery - 1) t.delete(t.length - 2, 1);
  }
  return { updates, doc };
}

const loaded = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
};

describe('folding stored updates into a snapshot', () => {
  it('keeps exactly the document, and is far smaller than merging the updates', () => {
    const { updates, doc } = typed('Kommunene og Nordlandssykehuset HF etablerer samhandlingsarenaer. '.repeat(20), 7);
    const folded = foldStored(updates);
    expect(loaded(folded).getText('t').toString()).toBe(doc.getText('t').toString());
    expect(Y.encodeStateVector(loaded(folded))).toEqual(Y.encodeStateVector(doc));
    expect(folded.byteLength * 2).toBeLessThan(Y.mergeUpdates(updates).byteLength);
  });

  it('folds onto an earlier snapshot without losing what came after it', () => {
    const { updates, doc } = typed('Innstilling til konsensus');
    const snapshot = foldStored(updates.slice(0, 10));
    expect(
      loaded(foldStored([snapshot, ...updates.slice(10)]))
        .getText('t')
        .toString(),
    ).toBe(doc.getText('t').toString());
  });

  it('keeps an update whose cause is missing, so it applies once the cause arrives', () => {
    const { updates, doc } = typed('abcdef');
    // Rows can arrive out of order from several instances: the cause (updates 0–2) comes later.
    const early = foldStored(updates.slice(3));
    const later = new Y.Doc();
    applyStored(later, [early, ...updates.slice(0, 3)]);
    expect(later.getText('t').toString()).toBe(doc.getText('t').toString());
  });

  it('folds nothing into an empty document', () => {
    expect(loaded(foldStored([])).getText('t').toString()).toBe('');
  });
});
