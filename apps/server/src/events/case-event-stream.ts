import type { CaseEvent } from '@samraad/schema';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { CaseEvents } from './case-events.js';

const KEEPALIVE_MS = 25_000;

/** Streams one case's events to a browser (Server-Sent Events) until it goes away. */
export function streamCaseEvents(c: Context, caseEvents: CaseEvents, caseId: string) {
  return streamSSE(c, async (stream) => {
    const send = (event: CaseEvent) => void stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
    const unsubscribe = caseEvents.subscribe(caseId, send);
    stream.onAbort(unsubscribe);
    // Proxies drop silent connections; a comment line every so often keeps it open.
    while (!stream.aborted && !stream.closed) {
      await stream.sleep(KEEPALIVE_MS);
      await stream.writeSSE({ event: 'ping', data: '' });
    }
    unsubscribe();
  });
}
