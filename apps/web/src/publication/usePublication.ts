import { useCallback, useEffect, useState } from 'react';
import type { PublicationState } from '@samraad/schema';
import { fetchPublication } from './publicationApi.js';

/** Whether the case is published and frozen, and its corrections; `set` takes what the server sent. */
export function usePublication(caseId: string): {
  publication: PublicationState | null;
  set: (state: PublicationState) => void;
  reload: () => void;
} {
  const [publication, setPublication] = useState<PublicationState | null>(null);
  const reload = useCallback(() => {
    fetchPublication(caseId).then(setPublication, () => undefined);
  }, [caseId]);
  useEffect(reload, [reload]);
  return { publication, set: setPublication, reload };
}
