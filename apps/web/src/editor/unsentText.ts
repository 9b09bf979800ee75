import * as Y from 'yjs';

/** What the server is known to hold: for each Yjs client, how many of its items it has. */
export type StateVector = Map<number, number>;

/** The larger of two state vectors, client by client. */
export function mergeStateVectors(into: StateVector, from: ReadonlyMap<number, number>): void {
  for (const [client, clock] of from) {
    if (clock > (into.get(client) ?? 0)) into.set(client, clock);
  }
}

function heldByServer(id: Y.ID, server: ReadonlyMap<number, number>): boolean {
  return id.clock < (server.get(id.client) ?? 0);
}

/**
 * The text in `fragment` that the server does not have, as the person would want it back to
 * paste elsewhere: one line per paragraph (or heading, list item …) they typed into, and " … "
 * between pieces of one paragraph that other text separates. Characters typed and deleted
 * again are not included (they are no longer in the document); deleting text cannot be
 * handed back as text and is left out.
 *
 * Reads the Yjs item list directly (`_start`, `right`, `content`), as the item ids are what
 * say whether the server has a character; the rendered text does not carry them.
 */
export function unsentText(fragment: Y.XmlFragment, server: ReadonlyMap<number, number>): string {
  const lines: string[] = [];
  const visit = (type: Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (type instanceof Y.XmlText) {
      const pieces: string[] = [];
      let current = '';
      for (let item = type._start; item !== null; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        if (heldByServer(item.id, server)) {
          if (current) pieces.push(current);
          current = '';
        } else {
          current += item.content.str;
        }
      }
      if (current) pieces.push(current);
      const line = pieces
        .map((piece) => piece.trim())
        .filter(Boolean)
        .join(' … ');
      if (line) lines.push(line);
      return;
    }
    if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      for (const child of type.toArray()) visit(child);
    }
  };
  visit(fragment);
  return lines.join('\n');
}
