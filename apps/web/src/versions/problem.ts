import { messages } from '../i18n/messages.js';

/** What to tell the user when a request fails: the server's own message when it sent one. */
export function problemOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : messages.errors.loadFailed;
}
