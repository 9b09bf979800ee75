import type { MembershipView, User } from '@samraad/schema';

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
  };
}
