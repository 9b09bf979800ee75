import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Forbidden, Unauthenticated } from '../errors/domain-errors.js';
import type { UserRepository } from '../users/user-repository.js';
import { isSameOrigin } from './origin.js';
import type { SessionStore } from './session-store.js';
import { hashToken } from './tokens.js';
import type { AuthEnv, Viewer } from './viewer.js';

export const SESSION_COOKIE = 'samraad_session';
export const CSRF_HEADER = 'x-csrf-token';

export async function viewerFromToken(
  token: string | undefined,
  sessions: SessionStore,
  users: UserRepository,
): Promise<Viewer | null> {
  if (!token) return null;
  const session = await sessions.lookup(token);
  if (!session) return null;
  return {
    user: session.user,
    memberships: await users.memberships(session.userId),
    csrfToken: session.csrfToken,
    session: { id: hashToken(token), expiresAt: session.expiresAt },
  };
}

export function loadViewer(sessions: SessionStore, users: UserRepository): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('sessionToken', token ?? null);
    c.set('viewer', await viewerFromToken(token, sessions, users));
    await next();
  };
}

export function setSessionCookie(c: Context<AuthEnv>, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('client').https,
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must come from our own pages: the Origin header must match, and a
 * logged-in user must also echo the session's CSRF token, which other sites cannot read.
 */
export function guardWrites(allowedOrigins: readonly string[]): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (!isSameOrigin(c.req.header('origin'), c.req.header('host'), allowedOrigins)) {
      throw Forbidden.saying('forespørselen kom ikke fra Samråd', 'bad_origin');
    }
    const viewer = c.get('viewer');
    if (viewer && c.req.header(CSRF_HEADER) !== viewer.csrfToken) {
      throw Forbidden.saying('sikkerhetsnøkkelen mangler eller er feil; last siden på nytt', 'bad_csrf');
    }
    return next();
  };
}

export const requireViewer: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (!c.get('viewer')) throw new Unauthenticated('du må logge inn');
  return next();
};
