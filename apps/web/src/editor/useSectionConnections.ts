import { useEffect, useState } from 'react';
import type { PresenceUser, Section } from '@samraad/schema';
import { closeSectionConnection, openSectionConnection, type SectionConnection } from './sectionConnection.js';

/**
 * Opens one connection per section of the case for as long as the case page is shown. The
 * page owns them (not each editor) because presence and the connection indicator look across
 * all of them.
 */
export function useSectionConnections(
  caseId: string,
  sections: readonly Section[],
  user: PresenceUser,
): SectionConnection[] {
  const [connections, setConnections] = useState<SectionConnection[]>([]);
  const sectionIds = sections.map((section) => section.id).join('\n');

  useEffect(() => {
    const opened = sectionIds
      .split('\n')
      .filter((sectionId) => sectionId.length > 0)
      .map((sectionId) => openSectionConnection(caseId, sectionId, user));
    setConnections(opened);
    return () => {
      opened.forEach(closeSectionConnection);
      setConnections([]);
    };
    // The user is read once here; renames are published by the effect below without reconnecting.
  }, [caseId, sectionIds]);

  useEffect(() => {
    for (const { provider } of connections) {
      const current = provider.awareness.getLocalState()?.['user'] as PresenceUser | undefined;
      if (current?.name !== user.name || current?.color !== user.color) {
        provider.awareness.setLocalStateField('user', user);
      }
    }
  }, [connections, user]);

  return connections;
}
