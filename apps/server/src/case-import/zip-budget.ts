import { inflateRawSync } from 'node:zlib';
import { InvalidInput, TooLarge } from '../errors/domain-errors.js';

/** What a .docx may unpack to in all: far above any case paper, far below what hurts the server. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 5_000;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const unreadable = () =>
  new InvalidInput('filen kan ikke leses som et Word-dokument (.docx)', undefined, 'invalid_body');

/**
 * Unpacks every entry of a zip (a .docx is one) with a hard limit on the bytes it produces,
 * before the Word reader sees it. The reader unpacks in memory with no limit, so a 10 MB
 * upload of a zip bomb would otherwise grow to gigabytes; the sizes the zip declares cannot
 * be trusted, so the entries are inflated here, and inflating stops at the limit.
 */
export function assertUnpacksWithin(file: Uint8Array, limit = MAX_UNPACKED_BYTES): void {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const end = findEndOfDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (entries > MAX_ENTRIES) throw new TooLarge('Word-dokumentet har for mange deler');
  let unpacked = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw unreadable();
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    at += 46 + nameLength + extraLength + commentLength;
    if (localHeader + 30 > view.byteLength || view.getUint32(localHeader, true) !== LOCAL_HEADER) throw unreadable();
    const start = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
    if (start + compressedSize > view.byteLength) throw unreadable();
    const data = file.subarray(start, start + compressedSize);
    const budget = limit - unpacked;
    if (method === STORED) unpacked += data.byteLength;
    else if (method === DEFLATED) unpacked += inflateBounded(data, budget);
    else throw unreadable();
    if (unpacked > limit) throw tooLarge(limit);
  }
}

function inflateBounded(data: Uint8Array, budget: number): number {
  try {
    // One byte over the budget is enough to know it is too much.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget + 1) }).byteLength;
  } catch (error) {
    if (error instanceof RangeError) return budget + 1;
    throw unreadable();
  }
}

function findEndOfDirectory(view: DataView): number {
  // The record is 22 bytes, followed by a comment of at most 65,535.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw unreadable();
}

const tooLarge = (limit: number) =>
  new TooLarge(`Word-dokumentet pakker seg ut til mer enn ${limit / 1024 / 1024} MB; det kan ikke leses inn`);
