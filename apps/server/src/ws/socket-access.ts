import {
  actorIn,
  decideSectionWrite,
  type Membership,
  type Section,
  type SectionRoomId,
  type SectionSeal,
} from '@samraad/schema';
import type { Viewer } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { UserRepository } from '../users/user-repository.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import type { SocketAccess } from './section-socket.js';

/**
 * What holds a section's text fixed (consensus lock or publication freeze); asked on every
 * update, not only at connect.
 */
export interface LockLookup {
  seal(caseId: string, sectionId: string): Promise<SectionSeal>;
}

/**
 * How long a connection trusts the membership and section owner it read. They change only
 * through the API (rarely); the lock, which consensus sets between two messages, is read for
 * every update regardless.
 */
export const WRITER_TTL_MS = 5_000;

/**
 * Counts changes on this instance that may alter who may write where (a section's owner, a
 * membership). A connection re-reads its membership and section when the count moved; on
 * other instances such a change applies within WRITER_TTL_MS.
 */
export class WriterEpoch {
  private value = 0;

  get current(): number {
    return this.value;
  }

  bump(): void {
    this.value++;
  }
}

/** Wraps the repositories so every owner or membership change bumps `epoch`, whoever makes it. */
export function bumpingWriterEpoch(
  cases: CaseRepository,
  users: UserRepository,
  epoch: WriterEpoch,
): { cases: CaseRepository; users: UserRepository } {
  const after = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      epoch.bump();
    }
  };
  return {
    cases: {
      ...cases,
      updateSection: (caseId, sectionId, patch) => after(cases.updateSection(caseId, sectionId, patch)),
      deleteSection: (caseId, sectionId) => after(cases.deleteSection(caseId, sectionId)),
    },
    users: { ...users, setMembership: (membership) => after(users.setMembership(membership)) },
  };
}

interface Writer {
  membership: Membership | null;
  section: Section | null;
  readAt: number;
  epoch: number;
}

/**
 * Decides at upgrade time whether a socket may join a section, and gives it a write check.
 * The check reads the lock every time it is asked; the membership and section owner are
 * kept per connection for WRITER_TTL_MS, or until `epoch` says they may have changed.
 */
export async function decideSocketAccess(
  viewer: Viewer | null,
  room: SectionRoomId,
  cases: CaseRepository,
  users: UserRepository,
  locks: LockLookup,
  epoch: WriterEpoch = new WriterEpoch(),
  now: () => number = Date.now,
): Promise<SocketAccess> {
  if (!viewer) return { granted: false, code: CLOSE_CODES.unauthenticated, reason: 'du må logge inn' };
  const found = await cases.getCase(room.caseId);
  const visible = found && actorIn(viewer.memberships, found.communityId) ? found : null;
  const userId = viewer.user.id;
  const readWriter = async (communityId: string): Promise<Writer> => {
    const stamp = { readAt: now(), epoch: epoch.current };
    const [membership, section] = await Promise.all([
      users.membershipIn(userId, communityId),
      cases.getSection(room.caseId, room.sectionId),
    ]);
    return { membership, section, ...stamp };
  };
  // A section that does not exist and one in a case you may not see get the same answer.
  let writer = visible ? await readWriter(visible.communityId) : null;
  if (!visible || !writer?.section)
    return {
      granted: false,
      code: CLOSE_CODES.forbidden,
      reason: 'du har ikke tilgang til delen, eller den finnes ikke',
    };
  const { communityId } = visible;
  const currentWriter = async (): Promise<Writer> => {
    if (writer && writer.epoch === epoch.current && now() - writer.readAt < WRITER_TTL_MS) return writer;
    writer = await readWriter(communityId);
    return writer;
  };
  return {
    granted: true,
    actor: { userId, name: viewer.user.name },
    session: viewer.session,
    communityId,
    async mayWrite(known) {
      // Runs inside the room's queue, so a lock or a publication taken between two messages
      // applies to the next. The room passes the seal it keeps (see SectionRoom's seal cache).
      const [{ membership, section }, seal] = await Promise.all([
        currentWriter(),
        known !== undefined ? known : locks.seal(room.caseId, room.sectionId),
      ]);
      if (!membership || !section) return { allowed: false, reason: 'no-access' };
      return decideSectionWrite({ role: membership.role, side: membership.side }, section.owner, seal);
    },
  };
}
