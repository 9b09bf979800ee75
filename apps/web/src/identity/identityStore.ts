import { checkDisplayName } from './displayName.js';

/**
 * The display name lives in localStorage until accounts arrive. Other tabs learn about a
 * change through the `storage` event; this tab through its own listeners.
 */
export const NAME_STORAGE_KEY = 'samraad.name';

const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be blocked (private mode, strict cookie settings); the app then asks again.
    return null;
  }
}

export function readStoredName(): string | null {
  const stored = storage()?.getItem(NAME_STORAGE_KEY) ?? null;
  if (stored === null) return null;
  const check = checkDisplayName(stored);
  return check.ok ? check.name : null;
}

export function storeName(name: string): void {
  storage()?.setItem(NAME_STORAGE_KEY, name);
  for (const listener of listeners) listener();
}

export function subscribeToName(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === NAME_STORAGE_KEY || event.key === null) listener();
  };
  listeners.add(listener);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
