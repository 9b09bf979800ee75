/**
 * The public page lives outside the login: /offentlig/<communityId>. Parsed here, before the
 * session gate, so nobody is asked to log in to read what a community has published.
 */
export const publicPath = (communityId: string) => `/offentlig/${encodeURIComponent(communityId)}`;

export function parsePublicRoute(pathname: string): { communityId: string } | null {
  const match = /^\/offentlig\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    const communityId = decodeURIComponent(match[1]!);
    return communityId ? { communityId } : null;
  } catch {
    return null;
  }
}
