import * as decoding from 'lib0/decoding';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';

/** Whether a y-websocket frame from the browser would change a document (an update or a non-empty sync step 2). */
export function changesDocument(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== 0) return false;
  const syncType = decoding.readVarUint(decoder);
  if (syncType !== 1 && syncType !== 2) return false;
  const { structs, ds } = Y.decodeUpdate(decoding.readVarUint8Array(decoder));
  return structs.length > 0 || ds.clients.size > 0;
}

/** Records every document-changing frame the page sends on a section socket, with its room. */
export function recordWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('websocket', (socket) => {
    const room = new URL(socket.url()).pathname.replace(/^\/ws\//, '');
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') return;
      if (changesDocument(new Uint8Array(payload))) writes.push(room);
    });
  });
  return writes;
}
