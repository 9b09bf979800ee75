import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { sectionRoomName, type PresenceUser } from '@samraad/schema';
import { socketBase } from '../api/socketBase.js';
import { SectionSync, type WriteMode } from './sectionSync.js';

/** One section's shared document and the socket that keeps it in step with everyone else's. */
export interface SectionConnection {
  sectionId: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** What reaches the server from this document, and what has not yet. */
  sync: SectionSync;
}

/**
 * Close codes the server ends a section socket with (apps/server/src/ws/close-codes.ts).
 * The provider reconnects after any close; refusals (isRefusal) are handled by the page.
 */
export const SERVER_CLOSE = {
  tooLarge: 1009,
  unauthenticated: 4401,
  forbidden: 4403,
  writeRefused: 4409,
  documentTooLarge: 4413,
  /** The update holds content the editor does not know; it was not stored. */
  contentRefused: 4422,
  /** Our copy lacks changes our sync builds on: only a fresh copy from the server helps. */
  missingDependencies: 4428,
  /** The database is away: nothing was stored. Not a refusal; wait and reconnect. */
  storageUnavailable: 4504,
  /** The login or person already has as many sockets open as the server allows. */
  tooManySockets: 4429,
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

/** Server closes that refuse something this page sent or asked for; see useSectionConnections. */
export function isRefusal(code: number): boolean {
  return (
    code === SERVER_CLOSE.writeRefused ||
    code === SERVER_CLOSE.tooLarge ||
    code === SERVER_CLOSE.documentTooLarge ||
    code === SERVER_CLOSE.contentRefused ||
    code === SERVER_CLOSE.missingDependencies ||
    code === SERVER_CLOSE.forbidden
  );
}

export function openSectionConnection(
  caseId: string,
  sectionId: string,
  user: PresenceUser,
  mode: WriteMode,
  onServerClose: (close: ServerClose) => void,
): SectionConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(socketBase(window.location), sectionRoomName({ caseId, sectionId }), doc, {
    // Connected below, once SectionSync has taken over what is sent.
    connect: false,
    // Tabs of one browser would otherwise pass changes to each other past the server, which
    // may refuse them; every change goes through the server.
    disableBc: true,
  });
  const sync = new SectionSync(provider, doc);
  sync.setMode(mode);
  // Published before any editor mounts, so the presence list is right from the first sync.
  provider.awareness.setLocalStateField('user', user);
  provider.on('connection-close', (event) => {
    // `null` means we closed it ourselves; 1000/1001/1006 are ordinary ends the provider retries.
    if (event && (event.code >= 4000 || event.code === SERVER_CLOSE.tooLarge)) {
      onServerClose({ code: event.code, reason: event.reason });
    }
  });
  provider.connect();
  return { sectionId, doc, provider, sync };
}

export function closeSectionConnection({ doc, provider, sync }: SectionConnection): void {
  sync.dispose();
  // Say goodbye while the socket is still open, so the others see us leave at once rather
  // than when the server notices the closed socket or our awareness state times out.
  provider.awareness.setLocalState(null);
  provider.destroy();
  doc.destroy();
}
