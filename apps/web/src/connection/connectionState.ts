/**
 * What the person needs to know about the line to their co-writers, summed over all the
 * sections' sockets: are my keystrokes reaching the others right now?
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

export interface SocketHistory {
  status: SocketStatus;
  /** Has this socket ever been connected? Distinguishes first contact from a lost line. */
  everConnected: boolean;
  /** When it last stopped being connected (ms), or when it was opened if it never was. */
  notConnectedSince: number;
}

/** y-websocket retries with back-off for ever; after this long we stop saying "soon". */
export const OFFLINE_AFTER_MS = 10_000;

export function summariseConnection(input: {
  browserOnline: boolean;
  sockets: readonly SocketHistory[];
  now: number;
  offlineAfterMs?: number;
}): ConnectionState {
  const { browserOnline, sockets, now, offlineAfterMs = OFFLINE_AFTER_MS } = input;
  if (!browserOnline) return 'offline';
  const waiting = sockets.filter((socket) => socket.status !== 'connected');
  if (sockets.length === 0) return 'connecting';
  if (waiting.length === 0) return 'connected';
  if (waiting.some((socket) => now - socket.notConnectedSince >= offlineAfterMs)) return 'offline';
  return waiting.some((socket) => socket.everConnected) ? 'reconnecting' : 'connecting';
}

export function nextSocketHistory(previous: SocketHistory, status: SocketStatus, now: number): SocketHistory {
  if (status === 'connected') return { status, everConnected: true, notConnectedSince: now };
  // Going from connecting to disconnected and back during retries is one outage, not many.
  const notConnectedSince = previous.status === 'connected' ? now : previous.notConnectedSince;
  return { status, everConnected: previous.everConnected, notConnectedSince };
}
