import type { MembershipView, User } from '@samraad/schema';
import type { ClientRequest } from './client-request.js';
import type { Logger } from '../logging/logger.js';

/** The logged-in user behind a request or a WebSocket. */
export interface Viewer {
  user: User;
  memberships: MembershipView[];
  csrfToken: string;
  /** The login itself: its id (the hash of the cookie's token) and when it runs out. */
  session: { id: string; expiresAt: Date };
}

export interface AuthEnv {
  Variables: {
    viewer: Viewer | null;
    sessionToken: string | null;
    client: ClientRequest;
    /** Set by the request log (logging/request-log.ts) for every request. */
    requestId: string;
    /** The process logger bound to this request's id. */
    log: Logger;
  };
}
