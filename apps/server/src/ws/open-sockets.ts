import { CLOSE_CODES } from '../protocol/close-codes.js';

/** One admitted section socket, as the registry knows it. */
export interface OpenSocket {
  sessionId: string;
  userId: string;
  communityId: string;
  close(code: number, reason: string): void;
}

/** What makes sockets stop being allowed; sent between instances by SocketRevocations. */
export type SocketRevocation =
  /** Logout, or a login replacing the session. */
  | { kind: 'session'; sessionId: string }
  /** A password change: every session of the person but the one that changed it. */
  | { kind: 'user'; userId: string; exceptSessionId: string | null }
  /** A membership changed or removed: whatever the socket was let in for may no longer hold. */
  | { kind: 'membership'; userId: string; communityId: string };

const REVOKED: Record<SocketRevocation['kind'], { code: number; reason: string }> = {
  session: { code: CLOSE_CODES.unauthenticated, reason: 'du er logget ut; logg inn på nytt' },
  user: { code: CLOSE_CODES.unauthenticated, reason: 'passordet er byttet; logg inn på nytt' },
  membership: { code: CLOSE_CODES.forbidden, reason: 'tilgangen din er endret; last siden på nytt' },
};

export interface SocketLimits {
  perSession: number;
  perUser: number;
}

/**
 * Every section socket open on this instance, by person and session: so a logout, password
 * change or membership change can close them, and so one login cannot open thousands.
 */
export class OpenSockets {
  private readonly byUser = new Map<string, Set<OpenSocket>>();
  private readonly bySession = new Map<string, Set<OpenSocket>>();

  constructor(private readonly limits: SocketLimits) {}

  /** Counts the socket in, or refuses it when its session or person holds too many already. */
  admit(
    socket: OpenSocket,
  ): { admitted: true; release: () => void } | { admitted: false; code: number; reason: string } {
    const mine = this.byUser.get(socket.userId) ?? new Set<OpenSocket>();
    const session = this.bySession.get(socket.sessionId) ?? new Set<OpenSocket>();
    if (session.size >= this.limits.perSession || mine.size >= this.limits.perUser) {
      return {
        admitted: false,
        code: CLOSE_CODES.tooManySockets,
        reason: 'for mange åpne tilkoblinger; lukk noen faner og prøv igjen',
      };
    }
    for (const [index, key, set] of [
      [this.byUser, socket.userId, mine],
      [this.bySession, socket.sessionId, session],
    ] as const) {
      set.add(socket);
      index.set(key, set);
    }
    return {
      admitted: true,
      release: () => {
        for (const [index, key] of [
          [this.byUser, socket.userId],
          [this.bySession, socket.sessionId],
        ] as const) {
          const set = index.get(key);
          set?.delete(socket);
          if (set?.size === 0) index.delete(key);
        }
      },
    };
  }

  /** Closes every socket here that `revocation` applies to; returns how many. */
  revoke(revocation: SocketRevocation): number {
    const { code, reason } = REVOKED[revocation.kind];
    const candidates =
      revocation.kind === 'session' ? this.bySession.get(revocation.sessionId) : this.byUser.get(revocation.userId);
    const affected = [...(candidates ?? [])].filter((socket) => applies(revocation, socket));
    for (const socket of affected) socket.close(code, reason);
    return affected.length;
  }
}

function applies(revocation: SocketRevocation, socket: OpenSocket): boolean {
  switch (revocation.kind) {
    case 'session':
      return socket.sessionId === revocation.sessionId;
    case 'user':
      return socket.sessionId !== revocation.exceptSessionId;
    case 'membership':
      return socket.communityId === revocation.communityId;
  }
}
