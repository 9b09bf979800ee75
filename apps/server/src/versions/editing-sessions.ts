import type { SectionRoom } from '../rooms/section-room.js';
import { RoomRetired } from '../rooms/section-room.js';
import type { VersionService } from './version-service.js';
import { logStorageFailure } from '../persistence/storage-failure-log.js';

interface Session {
  authors: Set<string>;
  timer: NodeJS.Timeout | null;
}

/**
 * Ordinary typing leaves a version behind when its editing session ends: after a quiet
 * period with no accepted update, or when the last person leaves the section. The version
 * names the people whose updates this server accepted in the session (the room tells who);
 * a session without any, or one that left the text as the last version has it, leaves none.
 */
export class EditingSessions {
  private readonly sessions = new Map<SectionRoom, Session>();

  constructor(
    private readonly versions: VersionService,
    private readonly quietMs: number,
  ) {}

  /** Room hook, in the room's queue after accepted updates were stored. */
  changed(room: SectionRoom, authors: readonly string[]): void {
    if (authors.length === 0) return;
    let session = this.sessions.get(room);
    if (!session) {
      session = { authors: new Set(), timer: null };
      this.sessions.set(room, session);
    }
    for (const author of authors) session.authors.add(author);
    if (session.timer) clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      // Between two of the room's messages, so the version is the text as it stands.
      room
        .exclusive(() => this.end(room))
        .catch((error: unknown) => {
          // A room dropped without ending its session (its storage failed) has nothing to save.
          if (error instanceof RoomRetired) this.sessions.delete(room);
          else logStorageFailure(room.name, error);
        });
    }, this.quietMs);
    session.timer.unref();
  }

  /** Ends the room's session, saving its version; call in the room's queue. */
  async end(room: SectionRoom): Promise<void> {
    const session = this.sessions.get(room);
    if (!session) return;
    this.sessions.delete(room);
    if (session.timer) clearTimeout(session.timer);
    const { caseId, sectionId } = room.sectionId;
    await this.versions.recordSession(caseId, sectionId, room.doc, [...session.authors]);
  }
}
