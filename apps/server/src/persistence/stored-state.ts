import * as Y from 'yjs';

/**
 * Applies a room's stored parts (snapshot, then updates) to `doc` in one transaction, one by
 * one: merging them first would decode everything twice for the same result.
 */
export function applyStored(doc: Y.Doc, stored: readonly Uint8Array[], origin?: unknown): void {
  doc.transact(() => {
    for (const update of stored) Y.applyUpdate(doc, update, origin);
  }, origin);
}

/**
 * The stored parts folded into one update, by loading them into a document and encoding it.
 * Unlike `Y.mergeUpdates` this joins a typist's one-character items into runs and keeps
 * deleted text only as lengths, so the snapshot stays about the size of the document (a
 * tenth, measured on the automerge-paper trace) and opens in milliseconds instead of
 * hundreds. Updates whose causes are missing are kept too: Yjs encodes its pending structs.
 */
export function foldStored(stored: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    applyStored(doc, stored);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
