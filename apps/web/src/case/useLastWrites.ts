import { useEffect, useState } from 'react';
import type { ActivityEntry } from '@samraad/schema';
import { fetchActivity } from '../api/client.js';
import type { SectionConnection } from '../editor/sectionConnection.js';

const SETTLE_MS = 1_500;

/**
 * The latest accepted write per section, from the server's audit log. Re-read shortly after
 * text changes anywhere in the case, once typing has settled, not on every keystroke.
 */
export function useLastWrites(caseId: string, connections: readonly SectionConnection[]): Map<string, ActivityEntry> {
  const [lastWrites, setLastWrites] = useState(new Map<string, ActivityEntry>());

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchActivity(caseId, controller.signal).then(
        (entries) => {
          const latest = new Map<string, ActivityEntry>();
          // Newest first: the first accepted write seen per section is its last one.
          for (const entry of entries) {
            if (entry.action === 'update' && !latest.has(entry.sectionId)) latest.set(entry.sectionId, entry);
          }
          setLastWrites(latest);
        },
        () => undefined, // Activity is a nicety; the editors work without it.
      );
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(load, SETTLE_MS);
    };
    load();
    for (const { doc } of connections) doc.on('update', soon);
    return () => {
      controller.abort();
      clearTimeout(timer);
      for (const { doc } of connections) doc.off('update', soon);
    };
  }, [caseId, connections]);

  return lastWrites;
}
