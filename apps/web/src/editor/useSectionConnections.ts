import { useCallback, useEffect, useRef, useState } from 'react';
import type { PresenceUser, Section } from '@samraad/schema';
import {
  SERVER_CLOSE,
  closeSectionConnection,
  openSectionConnection,
  type SectionConnection,
  type ServerClose,
} from './sectionConnection.js';

/** Closes after which our copy holds what the server will never take: start over from the server. */
const RELOADING_CLOSES = new Set<number>([
  SERVER_CLOSE.writeRefused,
  SERVER_CLOSE.tooLarge,
  SERVER_CLOSE.documentTooLarge,
  SERVER_CLOSE.missingDependencies,
]);

export interface SectionNotice {
  sectionId: string;
  close: ServerClose;
}

interface Options {
  /** The server no longer knows our session: the app asks for a login again. */
  onSessionLost: () => void;
}

interface OpenConnections {
  open: Map<string, SectionConnection>;
  connect: (sectionId: string) => void;
  publish: () => void;
}

/**
 * Opens one connection per section of the case for as long as the case page is shown. The
 * page owns them (not each editor) because presence and the connection indicator look across
 * all of them.
 *
 * Sections come and go while the page is open (the secretariat adds or deletes one): only
 * those connect or close. The others stay as they are, with whatever their writer has typed
 * and not yet sent; reconnecting them all would throw that away.
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
  // Sorted: moving a section changes the order, not which sections need a connection.
  const sectionIds = [...new Set(sections.map((section) => section.id))].sort().join('\n');
  const latest = useRef({ user, onSessionLost });
  latest.current = { user, onSessionLost };
  const page = useRef<OpenConnections | null>(null);

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
      if (RELOADING_CLOSES.has(close.code)) {
        closeSectionConnection(connection);
        connect(sectionId);
        publish();
      }
    };
    page.current = { open, connect, publish };
    return () => {
      live = false;
      page.current = null;
      open.forEach(closeSectionConnection);
      setConnections([]);
      setNotices([]);
    };
  }, [caseId]);

  // Runs after the effect above (declared after it), on the case's current connections.
  useEffect(() => {
    const opened = page.current;
    if (!opened) return;
    const wanted = new Set(sectionIds.split('\n').filter((sectionId) => sectionId.length > 0));
    for (const [sectionId, connection] of opened.open) {
      if (wanted.has(sectionId)) continue;
      closeSectionConnection(connection);
      opened.open.delete(sectionId);
    }
    for (const sectionId of wanted) if (!opened.open.has(sectionId)) opened.connect(sectionId);
    setNotices((current) => current.filter((notice) => wanted.has(notice.sectionId)));
    opened.publish();
  }, [caseId, sectionIds]);

  useEffect(() => {
    for (const { provider } of connections) {
      const current = provider.awareness.getLocalState()?.['user'] as PresenceUser | undefined;
      if (current?.id !== user.id || current?.name !== user.name || current?.color !== user.color) {
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
