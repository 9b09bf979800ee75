import * as Y from 'yjs';
import { decodedUpdate, type DecodedUpdate } from './update-validation.js';

/**
 * What an update builds on that the document does not have, described for a close reason, or
 * null when it can be applied whole.
 *
 * Yjs keeps such parts aside as "pending" until what they build on arrives: never stored,
 * yet held in memory without limit and sent to every joiner in its sync. A room must only
 * ever hold what it has stored, so it never applies them. An update may build on the
 * document's state and on its own earlier parts; anything past that is missing: a gap in a
 * client's sequence, a neighbour or parent that never arrived, or a deletion of text the
 * document has never seen.
 *
 * A crafted update whose parts depend on each other in a circle passes this check; the room
 * catches what Yjs still leaves pending after applying (see `takePending`).
 */
export function missingDependency(doc: Y.Doc, update: Uint8Array | DecodedUpdate): string | null {
  return firstMissing((client) => Y.getState(doc.store, client), update);
}

/**
 * Clears what the last applied update left pending, reporting whether there was any. What
 * was integrated stays (and is stored as usual); the rest is dropped, never held.
 */
export function takePending(doc: Y.Doc): boolean {
  const { store } = doc;
  const pending = store.pendingStructs !== null || store.pendingDs !== null;
  store.pendingStructs = null;
  store.pendingDs = null;
  return pending;
}

function firstMissing(stateOf: (client: number) => number, update: Uint8Array | DecodedUpdate): string | null {
  const { structs, ds } = decodedUpdate(update);
  /** Per client, where the document's sequence will end once this update's structs are in. */
  const reach = new Map<number, number>();
  const reached = (client: number) => reach.get(client) ?? stateOf(client);
  // Structs come grouped by client, in clock order: each must start where the sequence ends.
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (struct instanceof Y.Skip) return `et hull i endringene til klient ${client}`;
    if (clock > reached(client)) return `endring ${client}:${reached(client)}–${clock - 1}`;
    reach.set(client, Math.max(reached(client), clock + struct.length));
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const dependency of [struct.origin, struct.rightOrigin, parent]) {
      if (dependency && dependency.clock >= reached(dependency.client))
        return `tekst ${dependency.client}:${dependency.clock}`;
    }
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) {
      if (clock + len > reached(client)) return `slettet tekst ${client}:${clock}–${clock + len - 1}`;
    }
  }
  return null;
}
