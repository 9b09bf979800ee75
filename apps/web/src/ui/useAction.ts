import { useState } from 'react';

export interface Action {
  /** True while an action runs: its buttons wait. */
  busy: boolean;
  /** Why the last action failed, as the server or the client said it; null after a success. */
  problem: string | null;
  act: (work: () => Promise<void>) => Promise<void>;
}

/**
 * Runs a person's action (a button, a form) and keeps what the panel shows about it: busy
 * while it runs, the failure's message afterwards. `settled` runs when it ends, either way.
 */
export function useAction(settled?: () => void): Action {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      settled?.();
    }
  }

  return { busy, problem, act };
}
