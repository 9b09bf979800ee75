import { CLOSE_CODES } from '@samraad/schema';
import * as decoding from 'lib0/decoding';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  ProtocolError,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './message-types.js';

/** Everything a y-websocket client may send, decoded but not yet applied. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/**
 * Decodes one binary frame. Decoding is separate from applying so that the server can look at
 * a whole message (and refuse it) before it touches a document.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  if (frame.byteLength === 0) throw new ProtocolError('tom melding');
  try {
    const decoder = decoding.createDecoder(frame);
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === SYNC_STEP_1) return { type: 'sync-step-1', stateVector: payload };
        if (syncType === SYNC_STEP_2) return { type: 'sync-step-2', update: payload };
        if (syncType === SYNC_UPDATE) return { type: 'update', update: payload };
        throw new ProtocolError(`ukjent synkroniseringstype ${syncType}`);
      }
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'query-awareness' };
      default:
        throw new ProtocolError(`ukjent meldingstype ${messageType}`, CLOSE_CODES.unsupportedData);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // lib0 throws plain Errors ("Unexpected end of array", "Integer out of Range").
    throw new ProtocolError(`ugyldig melding: ${(error as Error).message}`);
  }
}
