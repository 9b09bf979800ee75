import { useEffect, useRef } from 'react';
import type { CaseEvent } from '@samraad/schema';

type Handlers = { [Type in CaseEvent['type']]?: (data: Extract<CaseEvent, { type: Type }>['data']) => void };

/**
 * Listens to the case's live stream of changes (threads, consensus, case header, sections, versions). The browser's
 * EventSource reconnects by itself; `onReconnect` lets a screen re-read what it may have missed.
 */
export function useCaseEvents(caseId: string, handlers: Handlers, onReconnect?: () => void): void {
  const latest = useRef({ handlers, onReconnect });
  latest.current = { handlers, onReconnect };

  useEffect(() => {
    const source = new EventSource(`/api/cases/${encodeURIComponent(caseId)}/events`);
    let opened = false;
    const types: CaseEvent['type'][] = ['thread', 'consensus', 'case', 'sections', 'version', 'publication'];
    const listeners = types.map((type) => {
      const listener = (event: MessageEvent<string>) => {
        const handler = latest.current.handlers[type] as ((data: unknown) => void) | undefined;
        handler?.(JSON.parse(event.data));
      };
      source.addEventListener(type, listener);
      return [type, listener] as const;
    });
    source.onopen = () => {
      if (opened) latest.current.onReconnect?.();
      opened = true;
    };
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener);
      source.close();
    };
  }, [caseId]);
}
