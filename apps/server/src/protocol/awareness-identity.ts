import { CLOSE_CODES } from '@samraad/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectionActor } from './connection-actor.js';
import { ProtocolError } from './message-types.js';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOUR = '#52606d';
/** WebSocket "policy violation": the message is well-formed but more than a client may send. */
const POLICY_VIOLATION = CLOSE_CODES.policyViolation;
const utf8 = new TextDecoder();

/** One client id's presence in an awareness update; `null` says that client left. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/**
 * Decides, per entry, whether a connection may speak for that client id (see RoomPresence).
 * Dropped entries are normal traffic (the stock client echoes everyone's presence); a
 * connection that overreaches is refused by throwing a ProtocolError.
 */
export type AwarenessAdmission = (entry: AwarenessEntry) => boolean;

/**
 * Reads an awareness update. A state larger than `maxStateBytes` is refused before it is
 * parsed: presence is a name, a colour and a caret, and every joiner is sent all of it.
 */
export function readAwarenessUpdate(update: Uint8Array, maxStateBytes = Infinity): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarUint8Array(decoder);
      if (json.byteLength > maxStateBytes) {
        throw new ProtocolError(
          `tilstedeværelsen er for stor (${json.byteLength} byte, grensen er ${maxStateBytes})`,
          POLICY_VIOLATION,
        );
      }
      entries.push({ clientId, clock, state: JSON.parse(utf8.decode(json)) });
    }
    return entries;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`ugyldig awareness-melding: ${(error as Error).message}`);
  }
}

export function writeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Rewrites an awareness update so that every state it carries names the connection's real
 * user: a client chooses its caret colour, never its name or user id (the presence list counts
 * people by that id). Entries `admit` refuses are left out.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  actor: ConnectionActor,
  admit: AwarenessAdmission,
  maxStateBytes = Infinity,
): Uint8Array {
  const kept: AwarenessEntry[] = [];
  for (const entry of readAwarenessUpdate(update, maxStateBytes)) {
    // Checked before admission, so a refused shape never claims a client id.
    const state = stamp(entry.state, actor);
    if (admit({ ...entry, state })) kept.push({ ...entry, state });
  }
  return writeAwarenessUpdate(kept);
}

/** The user id the server stamped into a state, or null for a removal or an unstamped state. */
export function stampedUserId(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const id = (state as { user?: { id?: unknown } }).user?.id;
  return typeof id === 'string' ? id : null;
}

function stamp(state: unknown, actor: ConnectionActor): unknown {
  // null means "this client left"; there is no identity to stamp.
  if (state === null) return null;
  if (typeof state !== 'object' || Array.isArray(state))
    throw new ProtocolError('awareness-tilstanden må være et objekt');
  const claimed = (state as { user?: { color?: unknown } }).user;
  const color = typeof claimed?.color === 'string' && HEX_COLOUR.test(claimed.color) ? claimed.color : FALLBACK_COLOUR;
  return { ...state, user: { name: actor.name, color, id: actor.userId } };
}
