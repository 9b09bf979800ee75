import type { CaseEvent } from '@samraad/schema';
import type { TestSession } from './session.js';

export interface CaseEventStream {
  /** The next event of `type` (after those already taken) that `matches`, or a timeout error. */
  next<Type extends CaseEvent['type']>(
    type: Type,
    matches?: (data: Extract<CaseEvent, { type: Type }>['data']) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<CaseEvent, { type: Type }>['data']>;
  close(): void;
}

/** A case page's event stream (Server-Sent Events) as one logged-in user reads it. */
export async function openCaseEventStream(
  session: TestSession,
  caseId: string,
  path = `/api/cases/${encodeURIComponent(caseId)}/events`,
): Promise<CaseEventStream> {
  const controller = new AbortController();
  const response = await fetch(`${session.baseUrl}${path}`, {
    headers: { cookie: session.cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error(`event stream for ${caseId}: ${response.status}`);
  const received: CaseEvent[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  void (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (type && type !== 'ping' && data) received.push({ type, data: JSON.parse(data) as unknown } as CaseEvent);
        }
        waiters.forEach((wake) => wake());
      }
    } catch {
      // Aborted by close().
    }
  })();

  let taken = 0;
  return {
    next(type, matches = () => true, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const look = () => {
          for (let index = taken; index < received.length; index++) {
            const event = received[index]!;
            if (event.type === type && matches(event.data as never)) {
              taken = index + 1;
              waiters.delete(look);
              clearTimeout(timer);
              resolve(event.data as never);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`no '${type}' event for ${caseId} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(look);
        look();
      });
    },
    close: () => controller.abort(),
  };
}

/** A person's own notices as their bell reads them (GET /api/me/notifications/events). */
export function openNotificationStream(session: TestSession): Promise<CaseEventStream> {
  return openCaseEventStream(session, 'me', '/api/me/notifications/events');
}
