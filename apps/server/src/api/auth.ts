import { LoginInputSchema, UpdateProfileInputSchema, type SessionInfo } from '@samraad/schema';
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { IdentityProvider } from '../auth/identity-provider.js';
import type { LoginRateLimit } from '../auth/login-rate-limit.js';
import { clearSessionCookie, requireViewer, setSessionCookie, viewerFromToken } from '../auth/session-middleware.js';
import type { SessionStore } from '../auth/session-store.js';
import type { AuthEnv, Viewer } from '../auth/viewer.js';
import type { UserRepository } from '../users/user-repository.js';
import { apiError } from './errors.js';
import { jsonBody } from './validate.js';

export function sessionInfo(viewer: Viewer): SessionInfo {
  return { user: viewer.user, memberships: viewer.memberships, csrfToken: viewer.csrfToken };
}

export interface AuthDependencies {
  identity: IdentityProvider;
  sessions: SessionStore;
  users: UserRepository;
  rateLimit: { account: LoginRateLimit; address: LoginRateLimit };
}

export function authRouter({ identity, sessions, users, rateLimit }: AuthDependencies) {
  return new Hono<AuthEnv>()
    .post('/login', jsonBody(LoginInputSchema), async (c) => {
      const input = c.req.valid('json');
      let address = 'unknown';
      try {
        address = getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        // app.request() in tests has no socket; the e-mail key still limits guessing.
      }
      const limits = [
        [rateLimit.account, [input.email]],
        [rateLimit.address, [address]],
      ] as const;
      const wait = Math.max(...limits.map(([limit, keys]) => limit.retryAfter([...keys])));
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return apiError(c, 429, 'rate_limited', `for mange mislykkede forsøk; prøv igjen om ${Math.ceil(wait / 60)} minutter`);
      }
      const userId = await identity.authenticate(input);
      if (!userId) {
        for (const [limit, keys] of limits) limit.recordFailure([...keys]);
        return apiError(c, 401, 'invalid_credentials', 'feil e-post eller passord');
      }
      rateLimit.account.recordSuccess([input.email]);
      const previous = c.get('sessionToken');
      if (previous) await sessions.destroy(previous);
      const { token } = await sessions.create(userId);
      setSessionCookie(c, token);
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
    });
}
