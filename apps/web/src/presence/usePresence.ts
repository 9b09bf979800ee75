import { useEffect, useState } from 'react';
import type { SectionConnection } from '../editor/sectionConnection.js';
import { collectPresence, type PresentPerson } from './presence.js';

/** Everyone connected to any section of the case, kept current as awareness changes. */
export function usePresence(connections: readonly SectionConnection[], ownUserId: string): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([]);

  useEffect(() => {
    const recompute = () =>
      setPeople(
        collectPresence(
          connections.map(({ sectionId, provider }) => ({
            sectionId,
            states: provider.awareness.getStates(),
          })),
          ownUserId,
        ),
      );
    recompute();
    // 'change' fires when someone arrives, leaves or changes state (not on mere heartbeats).
    for (const { provider } of connections) provider.awareness.on('change', recompute);
    return () => {
      for (const { provider } of connections) provider.awareness.off('change', recompute);
    };
  }, [connections, ownUserId]);

  return people;
}
