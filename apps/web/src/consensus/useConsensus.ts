import { useCallback, useEffect, useState } from 'react';
import type { ConsensusView } from '@samraad/schema';
import { fetchConsensus } from './consensusApi.js';

/** The case's consensus state; `set` takes what the server sent back or streamed. */
export function useConsensus(caseId: string): {
  consensus: ConsensusView | null;
  set: (view: ConsensusView) => void;
  reload: () => void;
} {
  const [consensus, setConsensus] = useState<ConsensusView | null>(null);
  const reload = useCallback(() => {
    fetchConsensus(caseId).then(setConsensus, () => undefined);
  }, [caseId]);
  useEffect(reload, [reload]);
  return { consensus, set: setConsensus, reload };
}
