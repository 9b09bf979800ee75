import { SERVER_CLOSE } from './sectionConnection.js';

/** How often the text is fetched again after the server refused something, before waiting for the person. */
export const MAX_RELOADS_AFTER_REFUSAL = 3;
/** The first reload waits this long; each further one twice as long as the one before. */
export const FIRST_RELOAD_DELAY_MS = 500;

/**
 * After the server refused something in a section for the `attempt`-th time in a row (since
 * the person last pressed "Prøv igjen"): how long to wait before fetching its text again, or
 * null to stop and wait for the person. A section the server will not even show (forbidden)
 * is not fetched again at all.
 */
export function reloadDelayAfterRefusal(attempt: number, code: number): number | null {
  if (code === SERVER_CLOSE.forbidden || attempt > MAX_RELOADS_AFTER_REFUSAL) return null;
  return FIRST_RELOAD_DELAY_MS * 2 ** (attempt - 1);
}
