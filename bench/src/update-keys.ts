/**
 * Which keystrokes a relayed update carries. A server may merge the updates of one moment into
 * one message (Hocuspocus 4 does, per event-loop turn), so a receiver must find every typist's
 * keystroke in it, not only the first: each inserted item id (client, clock) and each deleted
 * id range. Parsed by hand from the update's v1 encoding, headers only, because the generator
 * reads every message every receiver gets; an update this parser does not know is decoded by
 * Yjs instead.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

const GC = 0;
const SKIP = 10;
const ORIGIN = 0b1000_0000;
const RIGHT_ORIGIN = 0b0100_0000;
const PARENT_SUB = 0b0010_0000;

/** Calls `found` with the key of every item id and deleted id in `update`. */
export function forEachUpdateKey(update: Uint8Array, found: (key: string) => void): void {
  try {
    readKeys(update, found);
  } catch {
    const decoded = Y.decodeUpdate(update);
    for (const struct of decoded.structs)
      for (let c = 0; c < struct.length; c++) found(`i${struct.id.client}:${struct.id.clock + c}`);
    for (const [client, ranges] of decoded.ds.clients)
      for (const range of ranges) for (let c = 0; c < range.len; c++) found(`d${client}:${range.clock + c}`);
  }
}

function readKeys(update: Uint8Array, found: (key: string) => void): void {
  const decoder = decoding.createDecoder(update);
  for (let groups = decoding.readVarUint(decoder); groups > 0; groups--) {
    const structs = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    let clock = decoding.readVarUint(decoder);
    for (let i = 0; i < structs; i++) {
      const length = structLength(decoder);
      if (length < 0) throw new Error('not a keystroke');
      for (let c = 0; c < length; c++) found(`i${client}:${clock + c}`);
      clock += length;
    }
  }
  for (let clients = decoding.readVarUint(decoder); clients > 0; clients--) {
    const client = decoding.readVarUint(decoder);
    for (let ranges = decoding.readVarUint(decoder); ranges > 0; ranges--) {
      const clock = decoding.readVarUint(decoder);
      const len = decoding.readVarUint(decoder);
      for (let c = 0; c < len; c++) found(`d${client}:${clock + c}`);
    }
  }
}

/** Reads one struct and returns its length, or -1 for content this parser leaves to Yjs. */
function structLength(decoder: decoding.Decoder): number {
  const info = decoding.readUint8(decoder);
  const ref = info & 0b1_1111;
  if (ref === GC || ref === SKIP) return decoding.readVarUint(decoder);
  if (info & ORIGIN) readId(decoder);
  if (info & RIGHT_ORIGIN) readId(decoder);
  if ((info & (ORIGIN | RIGHT_ORIGIN)) === 0) {
    if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
    else readId(decoder);
    if (info & PARENT_SUB) decoding.readVarString(decoder);
  }
  switch (ref) {
    case 1: // deleted
      return decoding.readVarUint(decoder);
    case 4: // string: its length in UTF-16 units, as Yjs counts
      return decoding.readVarString(decoder).length;
    case 7: {
      // a type (paragraph, text): an element carries its name
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === 3 || typeRef === 5) decoding.readVarString(decoder);
      return 1;
    }
    case 6: // format
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return 1;
    default:
      return -1;
  }
}

function readId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}
