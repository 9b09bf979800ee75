import { useCallback, useEffect, useState } from 'react';
import type { CommentThread } from '@samraad/schema';
import { fetchThreads } from '../api/client.js';

/**
 * Every comment thread of the case: loaded once, then kept current by `upsert` with each
 * change from the case's event stream, and by `reload` after that stream reconnects.
 */
export function useThreads(caseId: string): {
  threads: CommentThread[];
  upsert: (thread: CommentThread) => void;
  reload: () => void;
} {
  const [threads, setThreads] = useState<CommentThread[]>([]);

  const upsert = useCallback((thread: CommentThread) => {
    setThreads((current) => {
      const index = current.findIndex((candidate) => candidate.id === thread.id);
      if (index === -1) return [...current, thread];
      const next = current.slice();
      next[index] = thread;
      return next;
    });
  }, []);

  const reload = useCallback(() => {
    fetchThreads(caseId).then(setThreads, () => undefined);
  }, [caseId]);

  useEffect(reload, [reload]);
  return { threads, upsert, reload };
}
