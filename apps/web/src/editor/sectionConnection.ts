import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { sectionRoomName, type PresenceUser } from '@samraad/schema';
import { socketBase } from '../api/socketBase.js';
import { SESSION_FIELD, SESSION_ID } from '../presence/session.js';

/** One section's shared document and the socket that keeps it in step with everyone else's. */
export interface SectionConnection {
  sectionId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * Close codes the server ends a section socket with (apps/server/src/ws/close-codes.ts).
 * y-websocket stops reconnecting on its own for 4400-4499.
 */
export const SERVER_CLOSE = {
  tooLarge: 1009,
  unauthenticated: 4401,
  forbidden: 4403,
  writeRefused: 4409,
  documentTooLarge: 4413,
  /**
   * The server is restarting in order: everything sent before this close is stored. Not a
   * refusal: y-websocket reconnects by itself (it gives up only on 4400-4499), and the
   * connection's close handling should reconnect at once and show no notice for it.
   */
  restarting: 4503,
} as const;

export interface ServerClose {
  code: number;
  /** The server's Norwegian reason, e.g. "denne delen skrives av den andre parten". */
  reason: string;
}

export function openSectionConnection(
  caseId: string,
  sectionId: string,
  user: PresenceUser,
  onServerClose: (close: ServerClose) => void,
): SectionConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(socketBase(window.location), sectionRoomName({ caseId, sectionId }), doc);
  // Published before any editor mounts, so the presence list is right from the first sync.
  provider.awareness.setLocalStateField('user', user);
  provider.awareness.setLocalStateField(SESSION_FIELD, SESSION_ID);
  provider.on('connection-close', (event) => {
    // `null` means we closed it ourselves; 1000/1001/1006 are ordinary ends the provider retries.
    if (event && (event.code >= 4000 || event.code === SERVER_CLOSE.tooLarge)) {
      onServerClose({ code: event.code, reason: event.reason });
    }
  });
  return { sectionId, doc, provider };
}

export function closeSectionConnection({ doc, provider }: SectionConnection): void {
  // Say goodbye while the socket is still open, so the others see us leave at once rather
  // than when the server notices the closed socket or our awareness state times out.
  provider.awareness.setLocalState(null);
  provider.destroy();
  doc.destroy();
}
