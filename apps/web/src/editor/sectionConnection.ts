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

export function openSectionConnection(caseId: string, sectionId: string, user: PresenceUser): SectionConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(socketBase(window.location), sectionRoomName({ caseId, sectionId }), doc);
  // Published before any editor mounts, so the presence list is right from the first sync.
  provider.awareness.setLocalStateField('user', user);
  provider.awareness.setLocalStateField(SESSION_FIELD, SESSION_ID);
  return { sectionId, doc, provider };
}

export function closeSectionConnection({ doc, provider }: SectionConnection): void {
  // Say goodbye while the socket is still open, so the others see us leave at once rather
  // than when the server notices the closed socket or our awareness state times out.
  provider.awareness.setLocalState(null);
  provider.destroy();
  doc.destroy();
}
