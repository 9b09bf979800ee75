import type { SessionStore } from '../auth/session-store.js';
import { hashToken } from '../auth/tokens.js';
import { SOCKET_REVOCATIONS_TOPIC, type Fanout, type RoomChannel } from '../fanout/fanout.js';
import type { UserRepository } from '../users/user-repository.js';
import type { OpenSockets, SocketRevocation } from './open-sockets.js';
import { logger } from '../logging/logger.js';

/**
 * Closes the sockets a logout, password change or membership change takes away, on this
 * instance at once and on the others through the fan-out (Redis), within milliseconds. Should
 * a notice be lost, each socket still re-checks its session before it accepts a write.
 */
export class SocketRevocations {
  private readonly channel: Promise<RoomChannel> | null;

  constructor(
    private readonly sockets: OpenSockets,
    fanout?: Fanout,
  ) {
    this.channel = fanout
      ? fanout.join(SOCKET_REVOCATIONS_TOPIC, {
          onMessage: (message) => {
            if (message.kind !== 'revocation') return;
            try {
              this.sockets.revoke(JSON.parse(Buffer.from(message.payload).toString('utf8')) as SocketRevocation);
            } catch (error) {
              logger.error({ err: error }, 'ugyldig tilbakekalling fra en annen instans');
            }
          },
          // What was missed is caught by the sockets' own session checks.
          onGap: () => {},
        })
      : null;
    this.channel?.catch((error: unknown) => logger.error({ err: error }, 'kunne ikke abonnere på tilbakekallinger'));
  }

  revoke(revocation: SocketRevocation): void {
    this.sockets.revoke(revocation);
    void this.channel?.then(
      (channel) => channel.publish({ kind: 'revocation', payload: Buffer.from(JSON.stringify(revocation)) }),
      () => undefined,
    );
  }
}

/** Ending a session, by whatever route (logout, a new login, a password change), ends its sockets. */
export function revokingSessions(sessions: SessionStore, revocations: SocketRevocations): SessionStore {
  return {
    ...sessions,
    async destroy(token) {
      await sessions.destroy(token);
      revocations.revoke({ kind: 'session', sessionId: hashToken(token) });
    },
    async destroyOthers(userId, keepSessionId) {
      await sessions.destroyOthers(userId, keepSessionId);
      revocations.revoke({ kind: 'user', userId, exceptSessionId: keepSessionId });
    },
  };
}

/**
 * A membership replaced with another role, side or organisation closes the person's sockets
 * in that community: they were let in, and told what they may write, under the old one.
 */
export function revokingMembershipChanges(users: UserRepository, revocations: SocketRevocations): UserRepository {
  return {
    ...users,
    async setMembership(membership) {
      const before = await users.membershipIn(membership.userId, membership.communityId);
      await users.setMembership(membership);
      const changed =
        before !== null &&
        (before.role !== membership.role ||
          before.side !== membership.side ||
          before.organisationId !== membership.organisationId);
      if (changed)
        revocations.revoke({ kind: 'membership', userId: membership.userId, communityId: membership.communityId });
    },
  };
}
