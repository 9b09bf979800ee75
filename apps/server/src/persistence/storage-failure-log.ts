import { logger } from '../logging/logger.js';

/** How often one room may log that its storage failed; the rest are counted. */
const LOG_INTERVAL_MS = 30_000;

const lastLogged = new Map<string, { at: number; suppressed: number }>();

/**
 * Logs a storage failure once per room per interval. A full disk refuses every keystroke of
 * every writer; one stack trace each would bury the log (and fill the same disk).
 */
export function logStorageFailure(room: string, error: unknown, now = Date.now()): void {
  const entry = lastLogged.get(room);
  if (entry && now - entry.at < LOG_INTERVAL_MS) {
    entry.suppressed++;
    return;
  }
  const suppressed = entry?.suppressed ?? 0;
  lastLogged.set(room, { at: now, suppressed: 0 });
  if (lastLogged.size > 10_000) {
    for (const [key, value] of lastLogged) if (now - value.at >= LOG_INTERVAL_MS) lastLogged.delete(key);
  }
  const message = error instanceof Error ? error.message : String(error);
  logger.warn({ room, suppressed }, `lagring utilgjengelig: ${message}`);
}
