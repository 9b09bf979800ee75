/**
 * Each section has its own Y.Doc, and so its own awareness client id: one person in one tab
 * shows up once per section. A random id per tab, published next to the user, lets the
 * presence list count them once. (crypto.randomUUID needs a secure context; this does not.)
 */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const SESSION_ID = randomId();

/** The awareness field that carries the session id. */
export const SESSION_FIELD = 'session';
