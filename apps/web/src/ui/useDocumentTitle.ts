import { useEffect } from 'react';
import { documentTitle, messages } from '../i18n/messages.js';

/** The tab title names the screen, so a person with many tabs (and a screen reader) knows where they are. */
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page ? documentTitle(page) : messages.app.name;
  }, [page]);
}
