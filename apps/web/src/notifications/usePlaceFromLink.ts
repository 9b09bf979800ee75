import { useEffect } from 'react';
import { useLocationSearch } from '../routing.js';

/** How long the case page gets to render the section or thread a link points at. */
const WAIT_MS = 10_000;

/**
 * A notice's link names the section (?del=) and thread (?trad=) it is about: once the case page
 * shows that place, it is scrolled into view and focused, so a keyboard user lands there too.
 */
export function usePlaceFromLink(): void {
  const search = useLocationSearch();
  useEffect(() => {
    const query = new URLSearchParams(search);
    const threadId = query.get('trad');
    const sectionId = query.get('del');
    if (!threadId && !sectionId) return;
    const find = () =>
      (threadId && document.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(threadId)}"]`)) ||
      (sectionId && document.querySelector<HTMLElement>(`[data-section-id="${CSS.escape(sectionId)}"]`)) ||
      null;
    const show = (place: HTMLElement) => {
      if (!place.hasAttribute('tabindex')) place.setAttribute('tabindex', '-1');
      place.scrollIntoView({ block: 'center' });
      place.focus({ preventScroll: true });
    };
    const found = find();
    if (found) {
      show(found);
      return;
    }
    const observer = new MutationObserver(() => {
      const place = find();
      if (!place) return;
      observer.disconnect();
      show(place);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [search]);
}
