import { connectSectionClient, type SectionClient } from './yjs-client.js';
import type { TestSession } from './session.js';

/** A stock y-websocket client that types numbered tokens, `[c<client>:<n>]`, one at a time. */
export interface Typist {
  index: number;
  sectionId: string;
  client: SectionClient;
  /** Every token this client has typed, sent or not. */
  typed: string[];
}

const TOKEN = /\[c(\d+):(\d+)\]/g;

export function tokensIn(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((match) => match[0]);
}

/** Tokens in a typist's document that other clients typed: it can only have them from the server. */
export function receivedBy(typist: Typist): string[] {
  return tokensIn(typist.client.text()).filter((token) => !token.startsWith(`[c${typist.index}:`));
}

export function connectTypists(
  count: number,
  sessionFor: (index: number) => TestSession,
  sectionFor: (index: number) => string,
  caseId: string,
): Typist[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    sectionId: sectionFor(index),
    client: connectSectionClient(sessionFor(index), caseId, sectionFor(index)),
    typed: [],
  }));
}

/** Each typist types a token every `intervalMs` (staggered) until the returned stop is called. */
export function startTyping(typists: Typist[], intervalMs: number): () => void {
  const timers = typists.map((typist, i) =>
    setTimeout(
      () => {
        const timer = setInterval(() => {
          const token = `[c${typist.index}:${typist.typed.length}]`;
          typist.typed.push(token);
          typist.client.type(token);
        }, intervalMs);
        timers[i] = timer;
      },
      (intervalMs * i) / typists.length,
    ),
  );
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
