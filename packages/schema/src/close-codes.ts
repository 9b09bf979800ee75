/**
 * WebSocket close codes a section socket ends with: the server closes with these and the web
 * client reads them, from this one table. 4000-4999 are free for applications.
 */
export const CLOSE_CODES = {
  unsupportedData: 1003,
  /** A message that is not a well-formed y-websocket message. */
  invalidPayload: 1007,
  /** Presence beyond what one browser tab sends (size, client ids, queries); the client may reconnect. */
  policyViolation: 1008,
  /** A frame above the socket's maxPayload; the `ws` library closes with it by itself. */
  tooLarge: 1009,
  internal: 1011,
  unauthenticated: 4401,
  forbidden: 4403,
  writeRefused: 4409,
  /** The update would make the section larger than MAX_DOCUMENT_BYTES; it was not stored. */
  documentTooLarge: 4413,
  /** The update holds content the editor does not know (the server's update schema); it was not stored. */
  contentRefused: 4422,
  /** The client's sync step 2 builds on changes its own copy lacks; only a fresh copy from the server helps. */
  missingDependencies: 4428,
  /** The session or person already holds MAX_SOCKETS_PER_SESSION / _PER_USER sockets. */
  tooManySockets: 4429,
  /**
   * The server is shutting down in order (a restart or a deploy). Everything the client sent
   * before this close is stored; the client should reconnect at once (to this server when it
   * is back, or another instance behind the balancer). Not a refusal: y-websocket reconnects
   * by itself (it gives up only on 4400-4499).
   */
  restarting: 4503,
  /**
   * The database is unreachable or full: nothing was stored. Not a refusal; the client keeps
   * its changes, waits a little longer each time and reconnects.
   */
  storageUnavailable: 4504,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
