import { SECTION_FRAGMENT, consensusContent, hashConsensusContent, sectionRoomName } from '@samraad/schema';
import * as Y from 'yjs';
import type { DocumentStore } from '../persistence/document-store.js';
import { applyStored } from '../persistence/stored-state.js';

/** The hash an approval binds to: SHA-256 of the section's exact content (shared rule). */
export function hashSection(doc: Y.Doc): Promise<string> {
  return hashConsensusContent(consensusContent(doc.getXmlFragment(SECTION_FRAGMENT)));
}

/**
 * A section as stored, outside its room. Every accepted change is stored before it is
 * relayed, so this is what everyone has seen; for reading only (versions, state).
 */
export async function loadSection(documents: DocumentStore, caseId: string, sectionId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const stored = await documents.load(sectionRoomName({ caseId, sectionId }));
  applyStored(doc, stored);
  return doc;
}
