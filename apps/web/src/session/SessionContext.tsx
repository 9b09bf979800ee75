import { createContext, useContext } from 'react';
import type { SessionInfo } from '@samraad/schema';

export interface Session {
  info: SessionInfo;
  signOut: () => Promise<void>;
  /** The server answered with a newer session (the person changed their profile). */
  updated: (info: SessionInfo) => void;
  /** The server stopped accepting our session (it expired, or we logged out in another tab). */
  lost: () => void;
}

export const SessionContext = createContext<Session | null>(null);

/** The logged-in session; only screens behind the SessionGate call this. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionGate>');
  return session;
}
