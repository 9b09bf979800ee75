import { CLOSE_CODES } from '@samraad/schema';

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
  if (code === CLOSE_CODES.forbidden || attempt > MAX_RELOADS_AFTER_REFUSAL) return null;
  return FIRST_RELOAD_DELAY_MS * 2 ** (attempt - 1);
}

/**
 * How long to wait before reconnecting after the server said its storage is away (4504) for
 * the `attempt`-th time in a row: 0.5 s doubling up to 10 s, with some spread so a room's
 * writers do not all come back in the same instant.
 */
export function storageRetryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RELOAD_DELAY_MS * 2 ** (attempt - 1), 10_000);
  return Math.round(base * (0.75 + random() * 0.5));
}
