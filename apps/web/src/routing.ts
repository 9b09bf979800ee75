import { useSyncExternalStore } from 'react';

/**
 * A handful of screens do not need a router library: the path is parsed here, links push history
 * entries, and the server answers every non-API path with index.html so deep links work.
 */
export type Route =
  | { screen: 'start' }
  | { screen: 'community'; communityId: string }
  | { screen: 'case'; caseId: string }
  | { screen: 'invite'; communityId: string }
  | { screen: 'meetings'; communityId: string }
  | { screen: 'meeting'; meetingId: string }
  | { screen: 'invitation'; token: string }
  | { screen: 'search' }
  | { screen: 'notificationSettings' }
  | { screen: 'notFound' };

export const paths = {
  start: () => '/',
  community: (communityId: string) => `/c/${encodeURIComponent(communityId)}`,
  case: (caseId: string) => `/sak/${encodeURIComponent(caseId)}`,
  invite: (communityId: string) => `/c/${encodeURIComponent(communityId)}/inviter`,
  meetings: (communityId: string) => `/c/${encodeURIComponent(communityId)}/moter`,
  meeting: (meetingId: string) => `/mote/${encodeURIComponent(meetingId)}`,
  invitation: (token: string) => `/invitasjon/${encodeURIComponent(token)}`,
  search: (query: string) => `/sok?q=${encodeURIComponent(query)}`,
  notificationSettings: () => '/varsler',
};

function segment(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return decoded.length > 0 ? decoded : null;
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return { screen: 'start' };
  if (parts.length === 2 && parts[0] === 'c') {
    const communityId = segment(parts[1]!);
    if (communityId) return { screen: 'community', communityId };
  }
  if (parts.length === 3 && parts[0] === 'c' && parts[2] === 'inviter') {
    const communityId = segment(parts[1]!);
    if (communityId) return { screen: 'invite', communityId };
  }
  if (parts.length === 3 && parts[0] === 'c' && parts[2] === 'moter') {
    const communityId = segment(parts[1]!);
    if (communityId) return { screen: 'meetings', communityId };
  }
  if (parts.length === 2 && parts[0] === 'mote') {
    const meetingId = segment(parts[1]!);
    if (meetingId) return { screen: 'meeting', meetingId };
  }
  if (parts.length === 1 && parts[0] === 'sok') return { screen: 'search' };
  if (parts.length === 1 && parts[0] === 'varsler') return { screen: 'notificationSettings' };
  if (parts.length === 2 && parts[0] === 'invitasjon') {
    const token = segment(parts[1]!);
    if (token) return { screen: 'invitation', token };
  }
  if (parts.length === 2 && parts[0] === 'sak') {
    const caseId = segment(parts[1]!);
    if (caseId) return { screen: 'case', caseId };
  }
  return { screen: 'notFound' };
}

const NAVIGATED = 'samraad:navigated';

export function navigate(path: string): void {
  if (path === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The `?…` part of the address, for screens (search) that keep their state in it. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}
