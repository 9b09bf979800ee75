import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CLOSE_CODES, sectionRoomName, type PresenceUser } from '@samraad/schema';
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

export interface ServerClose {
  code: number;
  /** The server's Norwegian reason, e.g. "denne delen skrives av den andre parten". */
  reason: string;
}

/**
 * Server closes (CLOSE_CODES, shared with the server) that refuse something this page sent or
 * asked for; see useSectionConnections. The provider reconnects after any other close.
 */
export function isRefusal(code: number): boolean {
  return (
    code === CLOSE_CODES.writeRefused ||
    code === CLOSE_CODES.tooLarge ||
    code === CLOSE_CODES.documentTooLarge ||
    code === CLOSE_CODES.contentRefused ||
    code === CLOSE_CODES.missingDependencies ||
    code === CLOSE_CODES.forbidden
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
    if (event && (event.code >= 4000 || event.code === CLOSE_CODES.tooLarge)) {
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
