import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Sharing a room's live traffic between server instances. Each instance stores the updates
 * its own clients send (durable before anyone sees them) and publishes them; the others apply
 * them to their in-memory copy and relay them to their clients without storing them again.
 */
export interface FanoutMessage {
  /**
   * `case-event`: a CaseEvents notice (JSON), on the CASE_EVENTS_TOPIC channel.
   * `revocation`: a SocketRevocation (JSON), on the SOCKET_REVOCATIONS_TOPIC channel.
   */
  kind: 'update' | 'awareness' | 'case-event' | 'revocation';
  payload: Uint8Array;
}

export interface FanoutHandlers {
  /** A message another instance published to this room. Never called for our own. */
  onMessage(message: FanoutMessage): void;
  /**
   * Messages may have been missed (the subscription was lost and restored): the room should
   * read its document from the database again.
   */
  onGap(): void;
}

export interface RoomChannel {
  publish(message: FanoutMessage): void;
  leave(): Promise<void>;
}

export interface Fanout {
  readonly instanceId: string;
  /** Resolves once messages other instances publish to `room` are delivered to `handlers`. */
  join(room: string, handlers: FanoutHandlers): Promise<RoomChannel>;
  /** Resolves when the broker answers now; rejects while it is unreachable (readiness). */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

/** Not a room: the one channel that carries every case's live notices between instances. */
export const CASE_EVENTS_TOPIC = 'case-events';

/** Not a room: logouts, password and membership changes, so every instance closes its sockets. */
export const SOCKET_REVOCATIONS_TOPIC = 'socket-revocations';

// Append only: the index is what goes over the wire.
const KINDS = ['update', 'awareness', 'case-event', 'revocation'] as const;

/** [origin instance id, kind, payload] in lib0 encoding, as y-protocols frames are. */
export function encodeFanoutMessage(origin: string, message: FanoutMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, origin);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarUint8Array(encoder, message.payload);
  return encoding.toUint8Array(encoder);
}

export function decodeFanoutMessage(bytes: Uint8Array): { origin: string; message: FanoutMessage } {
  const decoder = decoding.createDecoder(bytes);
  const origin = decoding.readVarString(decoder);
  const kind = KINDS[decoding.readVarUint(decoder)];
  if (!kind) throw new Error('ukjent meldingstype i fan-out');
  const payload = decoding.readVarUint8Array(decoder);
  return { origin, message: { kind, payload } };
}
