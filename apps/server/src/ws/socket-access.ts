import { actorIn, decideSectionWrite, type SectionRoomId } from '@samraad/schema';
import type { Viewer } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { UserRepository } from '../users/user-repository.js';
import { CLOSE_CODES } from './close-codes.js';
import type { SocketAccess } from './section-socket.js';

/** Whether a section is locked after consensus; asked on every update, not only at connect. */
export interface LockLookup {
  isLocked(caseId: string, sectionId: string): Promise<boolean>;
}

/**
 * Decides at upgrade time whether a socket may join a section, and gives it a write check
 * that looks at the current membership, section owner and lock each time it is asked.
 */
export async function decideSocketAccess(
  viewer: Viewer | null,
  room: SectionRoomId,
  cases: CaseRepository,
  users: UserRepository,
  locks: LockLookup,
): Promise<SocketAccess> {
  if (!viewer) return { granted: false, code: CLOSE_CODES.unauthenticated, reason: 'du må logge inn' };
  const found = await cases.getCase(room.caseId);
  if (!found || !actorIn(viewer.memberships, found.communityId)) {
    return { granted: false, code: CLOSE_CODES.forbidden, reason: 'du har ikke tilgang til saken' };
  }
  const userId = viewer.user.id;
  return {
    granted: true,
    actor: { userId, name: viewer.user.name },
    async mayWrite() {
      // Runs inside the room's queue, so a lock taken between two messages applies to the next.
      const [membership, section, locked] = await Promise.all([
        users.membershipIn(userId, found.communityId),
        cases.getSection(room.caseId, room.sectionId),
        locks.isLocked(room.caseId, room.sectionId),
      ]);
      if (!membership || !section) return { allowed: false, reason: 'no-access' };
      return decideSectionWrite({ role: membership.role, side: membership.side }, section.owner, locked);
    },
  };
}
