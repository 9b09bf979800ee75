import { useCallback, useEffect, useState } from 'react';
import type { CommentThread } from '@samraad/schema';
import { fetchThreads } from '../api/client.js';
import { useCaseEvents } from '../case/useCaseEvents.js';

/**
 * Every comment thread of the case, kept live: loaded once, then each change anyone makes
 * arrives over the case's event stream. After a reconnect the list is read again, since
 * changes made while the stream was down were not sent.
 */
export function useThreads(caseId: string): { threads: CommentThread[]; upsert: (thread: CommentThread) => void } {
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
  useCaseEvents(caseId, { thread: upsert }, reload);
  return { threads, upsert };
}
