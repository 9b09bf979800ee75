import { useEffect } from 'react';

let unsentOnPage = 0;

/** Unsent changes on the page now; logging out asks first when there are any. */
export function unsentChangesOnPage(): number {
  return unsentOnPage;
}

/**
 * While changes are unsent, leaving the page (closing the tab, reloading, typing another
 * address) asks first. They are kept in the browser either way, but they reach the others
 * only when this section is opened again online.
 */
export function useLeaveGuard(unsent: number): void {
  useEffect(() => {
    unsentOnPage = unsent;
    if (unsent === 0) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set; its text is no longer shown.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => {
      unsentOnPage = 0;
      window.removeEventListener('beforeunload', ask);
    };
  }, [unsent]);
}
