/**
 * One Yjs document per section, so that write rights and locks are decided per document.
 * The room name is the only link between a WebSocket and a section: both apps build and
 * parse it here.
 */
export interface SectionRoomId {
  caseId: string;
  sectionId: string;
}

const ROOM_PATTERN = /^case\/([a-z0-9][a-z0-9-]{0,63})\/section\/([a-z0-9][a-z0-9-]{0,63})$/;

export function sectionRoomName({ caseId, sectionId }: SectionRoomId): string {
  return `case/${caseId}/section/${sectionId}`;
}

export function parseSectionRoom(name: string): SectionRoomId | null {
  const match = ROOM_PATTERN.exec(name);
  if (!match) return null;
  return { caseId: match[1]!, sectionId: match[2]! };
}

/** The name of the Y.XmlFragment that Tiptap's Collaboration extension binds to. */
export const SECTION_FRAGMENT = 'default';
