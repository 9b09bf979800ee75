import { useCallback, useEffect, useRef, useState } from 'react';
import type { PresenceUser, Section } from '@samraad/schema';
import {
  SERVER_CLOSE,
  closeSectionConnection,
  openSectionConnection,
  type SectionConnection,
  type ServerClose,
} from './sectionConnection.js';

export interface SectionNotice {
  sectionId: string;
  close: ServerClose;
}

interface Options {
  /** The server no longer knows our session: the app asks for a login again. */
  onSessionLost: () => void;
}

/**
 * Opens one connection per section of the case for as long as the case page is shown. The
 * page owns them (not each editor) because presence and the connection indicator look across
 * all of them.
 *
 * When the server refuses a change, the local document holds text the server will never
 * accept; resending it would be refused forever. So that section starts over with a fresh
 * document loaded from the server, which drops the refused change and nothing else.
 */
export function useSectionConnections(
  caseId: string,
  sections: readonly Section[],
  user: PresenceUser,
  { onSessionLost }: Options,
): { connections: SectionConnection[]; notices: SectionNotice[]; dismiss: (sectionId: string) => void } {
  const [connections, setConnections] = useState<SectionConnection[]>([]);
  const [notices, setNotices] = useState<SectionNotice[]>([]);
  const sectionIds = sections.map((section) => section.id).join('\n');
  const latest = useRef({ user, onSessionLost });
  latest.current = { user, onSessionLost };

  useEffect(() => {
    let live = true;
    const open = new Map<string, SectionConnection>();
    const publish = () => {
      if (live) setConnections([...open.values()]);
    };
    const connect = (sectionId: string) => {
      const connection = openSectionConnection(caseId, sectionId, latest.current.user, (close) => {
        // Handled after the provider has finished its own close bookkeeping.
        queueMicrotask(() => onServerClose(sectionId, connection, close));
      });
      open.set(sectionId, connection);
    };
    const onServerClose = (sectionId: string, connection: SectionConnection, close: ServerClose) => {
      if (!live || open.get(sectionId) !== connection) return;
      if (close.code === SERVER_CLOSE.unauthenticated) {
        latest.current.onSessionLost();
        return;
      }
      setNotices((current) => [...current.filter((notice) => notice.sectionId !== sectionId), { sectionId, close }]);
      if (close.code === SERVER_CLOSE.writeRefused || close.code === SERVER_CLOSE.tooLarge || close.code === SERVER_CLOSE.documentTooLarge) {
        closeSectionConnection(connection);
        connect(sectionId);
        publish();
      }
    };

    for (const sectionId of sectionIds.split('\n')) {
      if (sectionId.length > 0) connect(sectionId);
    }
    publish();
    return () => {
      live = false;
      open.forEach(closeSectionConnection);
      setConnections([]);
      setNotices([]);
    };
  }, [caseId, sectionIds]);

  useEffect(() => {
    for (const { provider } of connections) {
      const current = provider.awareness.getLocalState()?.['user'] as PresenceUser | undefined;
      if (current?.name !== user.name || current?.color !== user.color) {
        provider.awareness.setLocalStateField('user', user);
      }
    }
  }, [connections, user]);

  const dismiss = useCallback(
    (sectionId: string) => setNotices((current) => current.filter((notice) => notice.sectionId !== sectionId)),
    [],
  );
  return { connections, notices, dismiss };
}
