import { useMemo, useSyncExternalStore } from 'react';
import type { PresenceUser } from '@samraad/schema';
import { colourForName } from './colour.js';
import { readStoredName, subscribeToName } from './identityStore.js';

/** Who this browser writes as, or null before the person has told us their name. */
export function useIdentity(): PresenceUser | null {
  const name = useSyncExternalStore(subscribeToName, readStoredName);
  return useMemo(() => (name === null ? null : { name, color: colourForName(name) }), [name]);
}
