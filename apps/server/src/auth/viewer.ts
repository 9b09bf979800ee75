import type { MembershipView, User } from '@samraad/schema';
import type { Logger } from '../logging/logger.js';

/** The logged-in user behind a request or a WebSocket. */
export interface Viewer {
  user: User;
  memberships: MembershipView[];
  csrfToken: string;
}

export interface AuthEnv {
  Variables: {
    viewer: Viewer | null;
    sessionToken: string | null;
    /** Set by the request log (logging/request-log.ts) for every request. */
    requestId: string;
    /** The process logger bound to this request's id. */
    log: Logger;
  };
}
