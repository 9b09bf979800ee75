import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ConnectionActor } from '../rooms/room-connection.js';
import { ProtocolError } from './message-types.js';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOUR = '#52606d';

/**
 * Rewrites an awareness update so that every state it carries names the connection's real
 * user. A client chooses its caret colour, never its name; and it may only speak for
 * awareness client ids that no other connection already owns.
 *
 * States for ids owned by another connection are dropped, not refused: the stock y-websocket
 * client re-sends every awareness change it hears, other people's included, so such echoes
 * are normal traffic. Dropping them keeps the owner's own state the only one that counts.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  actor: ConnectionActor,
  ownedByAnother: (clientId: number) => boolean,
): Uint8Array {
  let decoder: decoding.Decoder;
  const encoder = encoding.createEncoder();
  try {
    decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: Array<[clientId: number, clock: number, state: unknown]> = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (!ownedByAnother(clientId)) kept.push([clientId, clock, stamp(state, actor)]);
    }
    encoding.writeVarUint(encoder, kept.length);
    for (const [clientId, clock, state] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(state));
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`ugyldig awareness-melding: ${(error as Error).message}`);
  }
  return encoding.toUint8Array(encoder);
}

function stamp(state: unknown, actor: ConnectionActor): unknown {
  // null means "this client left"; there is no identity to stamp.
  if (state === null) return null;
  if (typeof state !== 'object' || Array.isArray(state)) throw new ProtocolError('awareness-tilstanden må være et objekt');
  const claimed = (state as { user?: { color?: unknown } }).user;
  const color = typeof claimed?.color === 'string' && HEX_COLOUR.test(claimed.color) ? claimed.color : FALLBACK_COLOUR;
  return { ...state, user: { name: actor.name, color, id: actor.userId } };
}
