import { SECTION_FRAGMENT, sectionRoomName } from '@samraad/schema';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sectionText } from '../sections/content.js';
import type { TestSession } from './session.js';

/**
 * The stock y-websocket client, as the browser uses it, run in Node. BroadcastChannel is off,
 * or two clients in one process would sync with each other and never test the server.
 */
export interface SectionClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): string;
  /** Appends text to the first paragraph of the section, as typing at its end would. */
  type(text: string): void;
  destroy(): void;
}

/** A WebSocket class that presents a browser's cookie and Origin, as a logged-in page would. */
export function authenticatedWebSocket(session: TestSession): typeof globalThis.WebSocket {
  class SessionWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: session.cookie, origin: session.baseUrl } });
    }
  }
  return SessionWebSocket as unknown as typeof globalThis.WebSocket;
}

export function connectSectionClient(session: TestSession, caseId: string, sectionId: string): SectionClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(
    `${session.baseUrl.replace(/^http/, 'ws')}/ws`,
    sectionRoomName({ caseId, sectionId }),
    doc,
    {
      WebSocketPolyfill: authenticatedWebSocket(session),
      disableBc: true,
    },
  );
  return {
    doc,
    provider,
    text: () => sectionText(doc),
    type(text) {
      const fragment = doc.getXmlFragment(SECTION_FRAGMENT);
      let paragraph = fragment.get(0);
      if (!(paragraph instanceof Y.XmlElement)) {
        paragraph = new Y.XmlElement('paragraph');
        fragment.insert(0, [paragraph]);
      }
      const element = paragraph;
      let content = element.get(0);
      if (!(content instanceof Y.XmlText)) {
        content = new Y.XmlText();
        element.insert(0, [content]);
      }
      const xmlText = content;
      xmlText.insert(xmlText.length, text);
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function waitForSync(client: SectionClient): Promise<void> {
  return waitFor(() => client.provider.synced, 'initial sync');
}
