/**
 * What Samråd keeps in the browser between visits: each section document a person may write
 * (IndexedDB, through y-indexeddb), and text handed back to them that they have not yet
 * dismissed (localStorage). Both are per user, so a shared PC never shows one person's text
 * to the next, and both go when the person logs out.
 */

const SECTION_PREFIX = 'samraad-section:';
const RESCUED_PREFIX = 'samraad-rescued:';
/** The section copies opened in this browser, for browsers that cannot list their databases. */
const REGISTRY_KEY = 'samraad-section-stores';

function key(prefix: string, userId: string, caseId: string, sectionId: string): string {
  return prefix + [userId, caseId, sectionId].map(encodeURIComponent).join(':');
}

/** The IndexedDB database that holds one person's copy of one section. */
export function sectionStoreName(userId: string, caseId: string, sectionId: string): string {
  return key(SECTION_PREFIX, userId, caseId, sectionId);
}

function registered(): string[] {
  try {
    const names: unknown = JSON.parse(localStorage.getItem(REGISTRY_KEY) ?? '[]');
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

/** Notes that a section copy exists, so logging out finds it even where databases cannot be listed. */
export function registerSectionStore(name: string): void {
  const names = registered();
  if (names.includes(name)) return;
  try {
    localStorage.setItem(REGISTRY_KEY, JSON.stringify([...names, name]));
  } catch {
    // Storage blocked: IndexedDB is most likely blocked too.
  }
}

/** Names of the section copies this browser holds. */
export async function storedSectionNames(): Promise<Set<string>> {
  const names = new Set(registered());
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return names;
  try {
    for (const database of await indexedDB.databases()) {
      if (database.name?.startsWith(SECTION_PREFIX)) names.add(database.name);
    }
  } catch {
    // Listing failed: the registry is what we know.
  }
  return names;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // Deleting waits ("blocked") until open copies close, then succeeds; either way it is done or queued.
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
  });
}

/** Text from a section the person could no longer write, kept until they dismiss it. */
export interface RescuedText {
  text: string;
  /** When it was handed back (ISO 8601). */
  at: string;
}

export function keepRescuedText(userId: string, caseId: string, sectionId: string, text: string): RescuedText {
  const previous = readRescuedText(userId, caseId, sectionId);
  // A second hand-back before the first was dismissed adds to it rather than replacing it.
  const rescued = { text: previous ? `${previous.text}\n${text}` : text, at: new Date().toISOString() };
  try {
    localStorage.setItem(key(RESCUED_PREFIX, userId, caseId, sectionId), JSON.stringify(rescued));
  } catch {
    // Storage full or blocked: the text is still shown on the page.
  }
  return rescued;
}

export function readRescuedText(userId: string, caseId: string, sectionId: string): RescuedText | null {
  try {
    const stored = localStorage.getItem(key(RESCUED_PREFIX, userId, caseId, sectionId));
    if (!stored) return null;
    const parsed = JSON.parse(stored) as Partial<RescuedText>;
    return typeof parsed.text === 'string' && typeof parsed.at === 'string'
      ? { text: parsed.text, at: parsed.at }
      : null;
  } catch {
    return null;
  }
}

export function forgetRescuedText(userId: string, caseId: string, sectionId: string): void {
  try {
    localStorage.removeItem(key(RESCUED_PREFIX, userId, caseId, sectionId));
  } catch {
    // Nothing stored.
  }
}

/**
 * Removes every section copy and handed-back text from this browser. Run at logout; a copy
 * still open on the page is deleted as soon as the page closes it.
 */
export async function clearBrowserStore(): Promise<void> {
  try {
    for (const name of Object.keys(localStorage)) {
      if (name.startsWith(RESCUED_PREFIX)) localStorage.removeItem(name);
    }
  } catch {
    // localStorage unavailable: nothing was kept there.
  }
  const names = await storedSectionNames();
  try {
    localStorage.removeItem(REGISTRY_KEY);
  } catch {
    // Nothing to forget.
  }
  if (typeof indexedDB === 'undefined') return;
  await Promise.all([...names].map(deleteDatabase));
}
