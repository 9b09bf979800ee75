import type { RefusalReason } from '@samraad/schema';

/**
 * WebSocket close codes the server uses. 4000-4999 are free for applications; the web client
 * tells the user what happened from these.
 */
export const CLOSE_CODES = {
  unsupportedData: 1003,
  /** Presence beyond what one browser tab sends (size, client ids, queries); the client may reconnect. */
  policyViolation: 1008,
  internal: 1011,
  unauthenticated: 4401,
  forbidden: 4403,
  writeRefused: 4409,
  /** The update would make the section larger than MAX_DOCUMENT_BYTES; it was not stored. */
  documentTooLarge: 4413,
  /** The update holds content the editor does not know (protocol/update-schema.ts); it was not stored. */
  contentRefused: 4422,
  /**
   * The database is unreachable or full: nothing was stored. Not a refusal; the client keeps
   * its changes, waits a little longer each time and reconnects.
   */
  storageUnavailable: 4504,
  /** The client's sync step 2 builds on changes its own copy lacks; only a fresh copy from the server helps. */
  missingDependencies: 4428,
  /** The session or person already holds MAX_SOCKETS_PER_SESSION / _PER_USER sockets. */
  tooManySockets: 4429,
  /**
   * The server is shutting down in order (a restart or a deploy). Everything the client sent
   * before this close is stored; the client should reconnect at once (to this server when it
   * is back, or another instance behind the balancer). Not a refusal.
   */
  restarting: 4503,
} as const;

const REFUSALS: Record<RefusalReason, string> = {
  observer: 'observatører kan ikke skrive i saksteksten',
  'other-side': 'denne delen skrives av den andre parten',
  'not-a-writer': 'rollen din gir ikke skrivetilgang',
  'no-access': 'du har ikke tilgang til saken',
  'not-author': 'bare den som skrev, kan endre dette',
  locked: 'teksten er låst etter konsensus og kan ikke endres',
  published: 'saken er publisert; teksten endres bare gjennom en rettelse begge parter godtar',
  'not-approver': 'bare de navngitte godkjennerne kan godkjenne for sin part',
};

export function refusalText(reason: RefusalReason): string {
  return REFUSALS[reason];
}
