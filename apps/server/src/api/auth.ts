import {
  ChangePasswordInputSchema,
  LoginInputSchema,
  UpdateProfileInputSchema,
  type SessionInfo,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { IdentityProvider } from '../auth/identity-provider.js';
import { waitText, type LoginThrottle } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { clearSessionCookie, requireViewer, setSessionCookie, viewerFromToken } from '../auth/session-middleware.js';
import type { SessionStore } from '../auth/session-store.js';
import type { AuthEnv, Viewer } from '../auth/viewer.js';
import type { UserRepository } from '../users/user-repository.js';
import { TooManyRequests, Unauthenticated } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

export function sessionInfo(viewer: Viewer): SessionInfo {
  return { user: viewer.user, memberships: viewer.memberships, csrfToken: viewer.csrfToken };
}

export interface AuthDependencies {
  identity: IdentityProvider;
  sessions: SessionStore;
  users: UserRepository;
  loginThrottle: LoginThrottle;
}

/**
 * Runs one attempt that checks a password (or probes an account) for `account` under the
 * throttle. A refused attempt is answered 429 and never reaches `attempt`; an attempt that
 * throws (a wrong password, say) counts as failed, one that returns as a success.
 */
export async function underLoginThrottle<T>(
  c: Context<AuthEnv>,
  throttle: LoginThrottle,
  account: string,
  attempt: () => Promise<T>,
): Promise<T> {
  const decision = throttle.begin(account, c.get('client').address);
  if (!decision.admitted) throw new TooManyRequests(waitText(decision), decision.retryAfterSeconds);
  try {
    const result = await attempt();
    decision.attempt.succeeded();
    return result;
  } finally {
    decision.attempt.finished();
  }
}

const invalidCredentials = (message: string) => new Unauthenticated(message, 'invalid_credentials');

export function authRouter({ identity, sessions, users, loginThrottle }: AuthDependencies) {
  return (
    new Hono<AuthEnv>()
      .post('/login', jsonBody(LoginInputSchema), async (c) => {
        const input = c.req.valid('json');
        const userId = await underLoginThrottle(c, loginThrottle, input.email, async () => {
          const authenticated = await identity.authenticate(input);
          if (!authenticated) throw invalidCredentials('feil e-post eller passord');
          return authenticated;
        });
        const previous = c.get('sessionToken');
        if (previous) await sessions.destroy(previous);
        const { token, expiresAt } = await sessions.create(userId);
        setSessionCookie(c, token, expiresAt);
        return c.json(sessionInfo((await viewerFromToken(token, sessions, users))!));
      })
      .post('/logout', async (c) => {
        const token = c.get('sessionToken');
        if (token) await sessions.destroy(token);
        clearSessionCookie(c);
        return c.body(null, 204);
      })
      .get('/session', requireViewer, (c) => c.json(sessionInfo(c.get('viewer')!)))
      // Only one's own profile: there is no user id in the path to point at someone else's.
      .put('/profile', requireViewer, jsonBody(UpdateProfileInputSchema), async (c) => {
        const viewer = c.get('viewer')!;
        await users.setTitle(viewer.user.id, c.req.valid('json').title);
        const user = (await users.getUser(viewer.user.id))!;
        return c.json(sessionInfo({ ...viewer, user }));
      })
      .post('/password', requireViewer, jsonBody(ChangePasswordInputSchema), async (c) => {
        const viewer = c.get('viewer')!;
        const input = c.req.valid('json');
        // The current password is asked for, so it is guessed under the same throttle as a login.
        await underLoginThrottle(c, loginThrottle, viewer.user.email, async () => {
          const stored = await users.findByEmail(viewer.user.email);
          if (!stored || !(await verifyPassword(input.currentPassword, stored.passwordHash))) {
            throw invalidCredentials('passordet er feil');
          }
        });
        await users.setPasswordHash(viewer.user.id, await hashPassword(input.newPassword));
        // Whoever else was logged in as this person (a stolen session, too) is out, sockets and all.
        await sessions.destroyOthers(viewer.user.id, viewer.session.id);
        return c.body(null, 204);
      })
  );
}
