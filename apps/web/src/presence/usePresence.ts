import { useEffect, useState } from 'react';
import type { SectionConnection } from '../editor/sectionConnection.js';
import { collectPresence, type PresentPerson } from './presence.js';
import { SESSION_ID } from './session.js';

/** Everyone connected to any section of the case, kept current as awareness changes. */
export function usePresence(connections: readonly SectionConnection[]): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([]);

  useEffect(() => {
    const recompute = () =>
      setPeople(
        collectPresence(
          connections.map(({ sectionId, provider }) => ({
            sectionId,
            states: provider.awareness.getStates() as Map<number, Record<string, unknown>>,
          })),
          SESSION_ID,
        ),
      );
    recompute();
    // 'change' fires when someone arrives, leaves or changes state (not on mere heartbeats).
    for (const { provider } of connections) provider.awareness.on('change', recompute);
    return () => {
      for (const { provider } of connections) provider.awareness.off('change', recompute);
    };
  }, [connections]);

  return people;
}
