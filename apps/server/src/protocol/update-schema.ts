import { SECTION_FRAGMENT, sectionContentProblem, type InsertedContent, type InsertionParent } from '@samraad/schema';
import * as Y from 'yjs';
import { ProtocolError } from './message-types.js';
import { decodedUpdate, type DecodedUpdate } from './update-validation.js';

/**
 * An update that puts something into a section the editor does not know (an `<img>`, a
 * second root, a map): every reader's editor would drop it on load and try to write that
 * removal back. It was not applied.
 */
export class ContentRefused extends Error {
  constructor(readonly problem: string) {
    super(`innholdet passer ikke i saksteksten: ${problem}`);
  }
}

type Where =
  | { kind: 'root'; key: string }
  | { kind: 'type'; type: Y.AbstractType<unknown> }
  /** Next to or inside text already collected as garbage: Yjs discards the struct on arrival. */
  | { kind: 'discarded' }
  | { kind: 'unknown' };

interface Placement {
  where: Where;
  parentSub: string | null;
}

/**
 * Checks every struct of a decoded update against the section document's shape before it is
 * applied. A struct names its parent directly, or (to save bytes) only through its left or
 * right neighbour; both may be in this update or already in the document.
 */
export function assertSectionContent(doc: Y.Doc, update: Uint8Array | DecodedUpdate): void {
  const { structs } = decodedUpdate(update);
  const incoming = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = incoming.get(struct.id.client) ?? [];
    list.push(struct);
    incoming.set(struct.id.client, list);
  }

  const findIncoming = (id: Y.ID): Y.Item | undefined =>
    incoming.get(id.client)?.find((item) => item.id.clock <= id.clock && id.clock < item.id.clock + item.length);

  const findStored = (id: Y.ID): Y.Item | 'collected' | undefined => {
    if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
    const stored = Y.getItem(doc.store, id);
    return stored instanceof Y.Item ? stored : 'collected';
  };

  const placementOf = (start: Y.Item): Placement => {
    // Followed through neighbours one by one; a crafted update may make them point in a circle.
    const seen = new Set<Y.Item>();
    for (let item = start; ;) {
      if (seen.has(item)) return { where: { kind: 'unknown' }, parentSub: null };
      seen.add(item);
      const parent = item.parent as unknown;
      if (typeof parent === 'string') return { where: { kind: 'root', key: parent }, parentSub: item.parentSub };
      if (parent instanceof Y.AbstractType) return { where: { kind: 'type', type: parent }, parentSub: item.parentSub };
      if (parent instanceof Y.ID) {
        const owner = findIncoming(parent) ?? findStored(parent);
        if (owner === 'collected') return { where: { kind: 'discarded' }, parentSub: item.parentSub };
        if (owner?.content instanceof Y.ContentType)
          return { where: { kind: 'type', type: owner.content.type }, parentSub: item.parentSub };
        return { where: { kind: 'unknown' }, parentSub: item.parentSub };
      }
      // No parent written: it is the neighbour's.
      const neighbourId = item.origin ?? item.rightOrigin;
      if (!neighbourId) return { where: { kind: 'unknown' }, parentSub: null };
      const neighbour = findStored(neighbourId) ?? findIncoming(neighbourId);
      if (neighbour === 'collected') return { where: { kind: 'discarded' }, parentSub: null };
      if (!neighbour) return { where: { kind: 'unknown' }, parentSub: null };
      item = neighbour;
    }
  };

  for (const items of incoming.values()) {
    for (const item of items) {
      if (item.content instanceof Y.ContentDeleted) continue;
      const problem = problemOf(placementOf(item), item.content);
      if (problem) throw new ContentRefused(problem);
    }
  }
}

function parentOf(where: Where): InsertionParent | string | null {
  switch (where.kind) {
    case 'discarded':
      return null;
    case 'unknown':
      // Not a matter of content: the update builds on structs nobody can place (crafted, or
      // overtaking what it builds on). Refused as a protocol error, like any other gap.
      throw new ProtocolError('endringen bygger på tekst som tjeneren ikke har');
    case 'root':
      return where.key === SECTION_FRAGMENT ? { kind: 'root' } : `ukjent dokumentrot «${where.key}»`;
    case 'type': {
      const { type } = where;
      // Checked before rootness: an element arriving in this same update has no item yet.
      if (type instanceof Y.XmlText) return { kind: 'text' };
      if (type instanceof Y.XmlElement) return { kind: 'element', nodeName: type.nodeName };
      // A stored type without an item is a root; the editor writes into one root only.
      if (type._item === null) {
        const key = Y.findRootTypeKey(type);
        return key === SECTION_FRAGMENT ? { kind: 'root' } : `ukjent dokumentrot «${key}»`;
      }
      return 'ukjent type';
    }
  }
}

function contentOf(content: Y.Item['content'], parentSub: string | null): InsertedContent | string {
  if (parentSub !== null) {
    if (content instanceof Y.ContentAny && content.arr.length === 1)
      return { kind: 'attribute', key: parentSub, value: content.arr[0] };
    return 'ugyldig egenskap';
  }
  if (content instanceof Y.ContentString) return { kind: 'characters' };
  if (content instanceof Y.ContentFormat) return { kind: 'format', key: content.key, value: content.value };
  if (content instanceof Y.ContentType) {
    const { type } = content;
    if (type instanceof Y.XmlText) return { kind: 'text' };
    // XmlHook extends XmlFragment's sibling Map; only plain elements are the editor's.
    if (type instanceof Y.XmlElement) return { kind: 'element', nodeName: type.nodeName };
    return 'ukjent type';
  }
  return 'ukjent innhold';
}

function problemOf({ where, parentSub }: Placement, content: Y.Item['content']): string | null {
  const parent = parentOf(where);
  if (parent === null) return null;
  if (typeof parent === 'string') return parent;
  const inserted = contentOf(content, parentSub);
  if (typeof inserted === 'string') return inserted;
  return sectionContentProblem(parent, inserted);
}
