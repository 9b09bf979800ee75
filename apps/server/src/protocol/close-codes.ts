import { refusalText as textFor, type RefusalReason } from '@samraad/schema';

/*
 * The close codes live in @samraad/schema, so the server closes with, and the web client
 * reads, the very same table; this module keeps the server's imports short.
 */
export { CLOSE_CODES } from '@samraad/schema';

/** Why a socket write was refused, as the close reason (the one wording in REFUSAL_TEXT). */
export function refusalText(reason: RefusalReason): string {
  return textFor(reason);
}
