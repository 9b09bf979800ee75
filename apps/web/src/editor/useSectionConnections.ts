import { useCallback, useEffect, useRef, useState } from 'react';
import { CLOSE_CODES, type PresenceUser, type Section } from '@samraad/schema';
import {
  forgetRescuedText,
  keepRescuedText,
  readRescuedText,
  registerSectionStore,
  sectionStoreName,
  storedSectionNames,
  type RescuedText,
} from '../offline/browserStore.js';
import {
  closeSectionConnection,
  isRefusal,
  openSectionConnection,
  type SectionConnection,
  type ServerClose,
} from './sectionConnection.js';
import { reloadDelayAfterRefusal, storageRetryDelay } from './refusalPolicy.js';
import type { WriteMode } from './sectionSync.js';

export interface SectionNotice {
  sectionId: string;
  close: ServerClose;
  /** Reloading the text failed too often; nothing more happens until the person asks. */
  gaveUp: boolean;
}

/** What the shared permission rule says this person may do with a section right now. */
export interface SectionAccess {
  mode: WriteMode;
  /** Whether the person could write it at all (locks aside): only then is a copy kept in the browser. */
  keepsBrowserCopy: boolean;
}

interface Options {
  userId: string;
  /** The rule's answer per section; asked on every render, so a lock or reopening applies at once. */
  access: (section: Section) => SectionAccess;
  /** The server no longer knows our session: the app asks for a login again. */
  onSessionLost: () => void;
}

interface OpenConnections {
  open: Map<string, SectionConnection>;
  connect: (sectionId: string) => void;
  disconnect: (sectionId: string) => void;
  publish: () => void;
  /** Brings every connection's write mode in line with the rule, handing back or reloading where needed. */
  apply: () => void;
  retry: (sectionId: string) => void;
}

export interface SectionConnections {
  connections: SectionConnection[];
  notices: SectionNotice[];
  /** Clears a refusal, reconnects the section and lets the rule decide again. */
  retry: (sectionId: string) => void;
  /** Local changes in all sections that the server has not confirmed storing. */
  unsent: number;
  /** Text the person wrote that could not be saved, per section, until they dismiss it. */
  rescued: ReadonlyMap<string, RescuedText>;
  dismissRescued: (sectionId: string) => void;
}

/**
 * Opens one connection per section of the case for as long as the case page is shown. The
 * page owns them (not each editor) because presence, the connection indicator and the count
 * of unsent changes look across all of them.
 *
 * Sections come and go while the page is open (the secretariat adds or deletes one): only
 * those connect or close. The others stay as they are, with whatever their writer has typed
 * and not yet sent; reconnecting them all would throw that away.
 *
 * A connection sends only what the rule lets the person write (SectionSync). When the server
 * refuses a change anyway (a lock reached the server before this page), the section turns
 * read-only with the server's reason, whatever the person typed that the server does not have
 * is handed back to them as text, and the text is fetched again from the server into a fresh
 * document. Fetching again is retried a few times with growing delays, then left to the
 * person's "Prøv igjen": the page never reconnects in a loop. The same hand-back happens when
 * the rule turns a section read-only while it holds unsent changes (locked while offline).
 */
export function useSectionConnections(
  caseId: string,
  sections: readonly Section[],
  user: PresenceUser,
  { userId, access, onSessionLost }: Options,
): SectionConnections {
  const [connections, setConnections] = useState<SectionConnection[]>([]);
  const [notices, setNotices] = useState<SectionNotice[]>([]);
  const [unsent, setUnsent] = useState(0);
  const [rescued, setRescued] = useState<ReadonlyMap<string, RescuedText>>(new Map());
  // Sorted: moving a section changes the order, not which sections need a connection.
  const sectionIds = [...new Set(sections.map((section) => section.id))].sort().join('\n');
  const latest = useRef({ user, onSessionLost, access, sections, userId });
  latest.current = { user, onSessionLost, access, sections, userId };
  const page = useRef<OpenConnections | null>(null);

  useEffect(() => {
    let live = true;
    const open = new Map<string, SectionConnection>();
    /** Sections the server refused something in: read-only until the person retries. */
    const refused = new Set<string>();
    /** Reloads after a refusal per section, and the pending one. */
    const reloads = new Map<string, number>();
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    /** Consecutive "storage unavailable" closes per section, for the growing wait. */
    const outages = new Map<string, number>();
    const unsubscribes = new Map<string, () => void>();
    let storedNames = new Set<string>();

    const sectionAccess = (sectionId: string): SectionAccess | null => {
      const section = latest.current.sections.find((candidate) => candidate.id === sectionId);
      return section ? latest.current.access(section) : null;
    };
    const modeOf = (sectionId: string): WriteMode =>
      refused.has(sectionId) ? 'read' : (sectionAccess(sectionId)?.mode ?? 'hold');

    const publish = () => {
      if (live) setConnections([...open.values()]);
    };
    const countUnsent = () => {
      if (!live) return;
      let total = 0;
      for (const connection of open.values()) total += connection.sync.unsent;
      setUnsent(total);
    };
    const keepCopyIfWanted = (sectionId: string, connection: SectionConnection) => {
      const name = sectionStoreName(latest.current.userId, caseId, sectionId);
      // A person who lost write access while offline still gets their stored text back.
      if (sectionAccess(sectionId)?.keepsBrowserCopy || storedNames.has(name)) {
        registerSectionStore(name);
        connection.sync.keepInBrowser(name);
      }
    };
    const disconnect = (sectionId: string) => {
      const connection = open.get(sectionId);
      if (!connection) return;
      unsubscribes.get(sectionId)?.();
      unsubscribes.delete(sectionId);
      closeSectionConnection(connection);
      open.delete(sectionId);
    };
    const connect = (sectionId: string) => {
      clearTimeout(timers.get(sectionId));
      timers.delete(sectionId);
      const connection = openSectionConnection(caseId, sectionId, latest.current.user, modeOf(sectionId), (close) => {
        // Handled after the provider has finished its own close bookkeeping.
        queueMicrotask(() => onServerClose(sectionId, connection, close));
      });
      open.set(sectionId, connection);
      unsubscribes.set(
        sectionId,
        connection.sync.subscribe(() => {
          countUnsent();
          // Not from inside the provider's message handler, which settling may destroy.
          queueMicrotask(() => {
            if (open.get(sectionId) === connection) settle(sectionId);
          });
        }),
      );
      keepCopyIfWanted(sectionId, connection);
    };

    /**
     * Hands back what the server does not have (when there is any), closes the section and
     * deletes the browser's copy; resolves once the copy is gone, so a fresh connection opened
     * after it cannot read the old changes back.
     */
    const handBackAndClose = async (sectionId: string, connection: SectionConnection, handBack: boolean) => {
      const text = handBack ? connection.sync.unsentText().trim() : '';
      if (text && live) {
        const kept = keepRescuedText(latest.current.userId, caseId, sectionId, text);
        setRescued((current) => new Map(current).set(sectionId, kept));
      }
      const discarded = connection.sync.discardStored();
      disconnect(sectionId);
      publish();
      countUnsent();
      await discarded.catch(() => undefined);
    };

    /** Acts on what a connection's state means under the current rule. */
    const settle = (sectionId: string) => {
      const connection = open.get(sectionId);
      if (!live || !connection) return;
      const { sync } = connection;
      // Read-only now, with text the server never got (locked or access lost while offline),
      // or writable again after local changes made while read-only, which must not go out.
      if (!sync.stranded && !(sync.mode !== 'read' && sync.diverged)) return;
      void handBackAndClose(sectionId, connection, sync.unsent > 0).then(() => {
        if (!live || open.has(sectionId)) return;
        connect(sectionId);
        publish();
      });
    };

    const apply = () => {
      for (const [sectionId, connection] of open) connection.sync.setMode(modeOf(sectionId));
      for (const sectionId of [...open.keys()]) settle(sectionId);
    };

    const onServerClose = (sectionId: string, connection: SectionConnection, close: ServerClose) => {
      if (!live || open.get(sectionId) !== connection) return;
      if (close.code === CLOSE_CODES.unauthenticated) {
        latest.current.onSessionLost();
        return;
      }
      // An orderly restart stored everything sent before it; the provider reconnects at once.
      if (close.code === CLOSE_CODES.restarting) return;
      if (close.code === CLOSE_CODES.storageUnavailable) {
        // Nothing was refused: the server's database is away. The provider would reconnect
        // at once and be told the same; wait a little longer each time instead. What the
        // person types meanwhile stays in the document (and the browser copy) and counts
        // as unsent until it is stored.
        const attempt = (outages.get(sectionId) ?? 0) + 1;
        outages.set(sectionId, attempt);
        connection.provider.disconnect();
        timers.set(
          sectionId,
          setTimeout(() => {
            timers.delete(sectionId);
            if (live && open.get(sectionId) === connection) connection.provider.connect();
          }, storageRetryDelay(attempt)),
        );
        connection.provider.once('sync', () => outages.delete(sectionId));
        return;
      }
      if (!isRefusal(close.code)) {
        setNotices((current) => [
          ...current.filter((notice) => notice.sectionId !== sectionId),
          { sectionId, close, gaveUp: false },
        ]);
        return;
      }
      // The document holds a change the server will never take: read-only, the person's
      // text handed back, and a fresh copy of the server's text, a bounded number of times.
      refused.add(sectionId);
      const closed = handBackAndClose(sectionId, connection, true);
      const attempt = (reloads.get(sectionId) ?? 0) + 1;
      reloads.set(sectionId, attempt);
      const delay = reloadDelayAfterRefusal(attempt, close.code);
      setNotices((current) => [
        ...current.filter((notice) => notice.sectionId !== sectionId),
        { sectionId, close, gaveUp: delay === null },
      ]);
      if (delay === null) return;
      void closed.then(() => {
        if (!live || open.has(sectionId) || !refused.has(sectionId)) return;
        timers.set(
          sectionId,
          setTimeout(() => {
            timers.delete(sectionId);
            if (!live || open.has(sectionId)) return;
            connect(sectionId);
            publish();
          }, delay),
        );
      });
    };

    const retry = (sectionId: string) => {
      refused.delete(sectionId);
      reloads.delete(sectionId);
      clearTimeout(timers.get(sectionId));
      timers.delete(sectionId);
      setNotices((current) => current.filter((notice) => notice.sectionId !== sectionId));
      disconnect(sectionId);
      connect(sectionId);
      publish();
    };

    page.current = { open, connect, disconnect, publish, apply, retry };
    void storedSectionNames().then((names) => {
      if (!live) return;
      storedNames = names;
      for (const [sectionId, connection] of open) keepCopyIfWanted(sectionId, connection);
    });
    return () => {
      live = false;
      page.current = null;
      timers.forEach((timer) => clearTimeout(timer));
      for (const sectionId of [...open.keys()]) disconnect(sectionId);
      setConnections([]);
      setNotices([]);
      setUnsent(0);
    };
  }, [caseId]);

  // Runs after the effect above (declared after it), on the case's current connections.
  useEffect(() => {
    const opened = page.current;
    if (!opened) return;
    const wanted = new Set(sectionIds.split('\n').filter((sectionId) => sectionId.length > 0));
    for (const sectionId of [...opened.open.keys()]) {
      if (!wanted.has(sectionId)) opened.disconnect(sectionId);
    }
    for (const sectionId of wanted) if (!opened.open.has(sectionId)) opened.connect(sectionId);
    setNotices((current) => current.filter((notice) => wanted.has(notice.sectionId)));
    opened.publish();
  }, [caseId, sectionIds]);

  // The rule may change with every render (a lock, a reopening, consensus loaded): apply it.
  useEffect(() => {
    page.current?.apply();
  });

  // Text handed back on an earlier visit and not yet dismissed.
  useEffect(() => {
    const found = new Map<string, RescuedText>();
    for (const sectionId of sectionIds.split('\n')) {
      const kept = sectionId ? readRescuedText(userId, caseId, sectionId) : null;
      if (kept) found.set(sectionId, kept);
    }
    setRescued(found);
  }, [caseId, sectionIds, userId]);

  useEffect(() => {
    for (const { provider } of connections) {
      const current = provider.awareness.getLocalState()?.['user'] as PresenceUser | undefined;
      if (current?.id !== user.id || current?.name !== user.name || current?.color !== user.color) {
        provider.awareness.setLocalStateField('user', user);
      }
    }
  }, [connections, user]);

  const retry = useCallback((sectionId: string) => page.current?.retry(sectionId), []);
  const dismissRescued = useCallback(
    (sectionId: string) => {
      forgetRescuedText(userId, caseId, sectionId);
      setRescued((current) => {
        const next = new Map(current);
        next.delete(sectionId);
        return next;
      });
    },
    [caseId, userId],
  );
  return { connections, notices, retry, unsent, rescued, dismissRescued };
}
