import * as Y from 'yjs';
import { ProtocolError } from './message-types.js';

/**
 * Decodes an update completely before it is applied. Yjs integrates inside a transaction
 * whose observers still fire if decoding fails half-way, so a garbled update must be caught
 * here, before it can leave half its structs in a live document and in storage.
 */
export function assertWellFormedUpdate(update: Uint8Array): void {
  decodeWellFormedUpdate(update);
}

/** An update's structs and deletions, decoded once and shared by every check before it is applied. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** Like assertWellFormedUpdate, handing back the decoding so the later checks need not repeat it. */
export function decodeWellFormedUpdate(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update);
  } catch (error) {
    throw new ProtocolError(`ugyldig Yjs-oppdatering: ${(error as Error).message}`);
  }
}

/** The update decoded, unless the caller already did. */
export function decodedUpdate(update: Uint8Array | DecodedUpdate): DecodedUpdate {
  return update instanceof Uint8Array ? Y.decodeUpdate(update) : update;
}

/** A client's state vector (sync step 1) must decode before the server answers it. */
export function assertWellFormedStateVector(stateVector: Uint8Array): void {
  try {
    Y.decodeStateVector(stateVector);
  } catch (error) {
    throw new ProtocolError(`ugyldig tilstandsvektor: ${(error as Error).message}`);
  }
}

/**
 * Whether applying the update would change the document. A reader's client answers the
 * server's sync step 1 with everything it has, which is nothing new; only updates that
 * would change something need write permission.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}
