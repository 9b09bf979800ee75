import type { Page, WebSocketRoute } from 'playwright-core';

/** The section a socket URL (…/ws/case/<case>/section/<section>) belongs to. */
function sectionOf(url: string): string {
  return decodeURIComponent(/\/section\/([^/?]+)/.exec(url)?.[1] ?? '');
}

/**
 * Whether a y-websocket frame carries document changes: a sync message (0) of type sync step 2
 * (1) or update (2). Queries (sync step 1) and awareness (1) carry none.
 */
function carriesChanges(payload: string | Buffer): boolean {
  if (typeof payload === 'string') return false;
  return payload[0] === 0 && (payload[1] === 1 || payload[1] === 2);
}

export interface SocketCounts {
  /** WebSockets the page opened for a section so far. */
  opened(sectionId: string): number;
  /** Frames with document changes the page sent, for one section or all. */
  changesSent(sectionId?: string): number;
  /** Frames of any kind the page sent for a section (awareness included). */
  framesSent(sectionId: string): number;
  /**
   * Resolves once the page has sent a frame containing `marker` on a section's socket. A socket
   * sends in order, so everything the page sent before the marker has been counted by then.
   */
  frameWith(sectionId: string, marker: string): Promise<void>;
  /** Resolves once the page has received a frame containing `marker` on a section's socket. */
  receivedWith(sectionId: string, marker: string): Promise<void>;
}

class Counter implements SocketCounts {
  readonly openedBySection = new Map<string, number>();
  readonly changes = new Map<string, number>();
  readonly frames = new Map<string, number>();
  private readonly waiting: Array<{ sectionId: string; marker: string; resolve: () => void }> = [];
  private readonly waitingToReceive: Array<{ sectionId: string; marker: string; resolve: () => void }> = [];

  opened(sectionId: string): number {
    return this.openedBySection.get(sectionId) ?? 0;
  }

  changesSent(sectionId?: string): number {
    if (sectionId !== undefined) return this.changes.get(sectionId) ?? 0;
    return [...this.changes.values()].reduce((sum, count) => sum + count, 0);
  }

  framesSent(sectionId: string): number {
    return this.frames.get(sectionId) ?? 0;
  }

  frameWith(sectionId: string, marker: string): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ sectionId, marker, resolve }));
  }

  receivedWith(sectionId: string, marker: string): Promise<void> {
    return new Promise((resolve) => this.waitingToReceive.push({ sectionId, marker, resolve }));
  }

  received(url: string, payload: string | Buffer): void {
    Counter.release(this.waitingToReceive, sectionOf(url), payload);
  }

  private static release(
    waiting: Array<{ sectionId: string; marker: string; resolve: () => void }>,
    section: string,
    payload: string | Buffer,
  ): void {
    const text = typeof payload === 'string' ? payload : payload.toString('latin1');
    for (const waiter of [...waiting]) {
      if (waiter.sectionId === section && text.includes(waiter.marker)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  open(url: string): void {
    const section = sectionOf(url);
    this.openedBySection.set(section, this.opened(section) + 1);
  }

  sent(url: string, payload: string | Buffer): void {
    const section = sectionOf(url);
    this.frames.set(section, this.framesSent(section) + 1);
    if (carriesChanges(payload)) this.changes.set(section, this.changesSent(section) + 1);
    Counter.release(this.waiting, section, payload);
  }
}

/**
 * Counts the section sockets a page opens and what it sends on them, from the browser's own
 * WebSocket events. Attach before the page loads the case.
 */
export function watchSectionSockets(page: Page): SocketCounts {
  const counter = new Counter();
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/section/')) return;
    counter.open(socket.url());
    socket.on('framesent', ({ payload }) => counter.sent(socket.url(), payload));
    socket.on('framereceived', ({ payload }) => counter.received(socket.url(), payload));
  });
  return counter;
}

export interface CuttableSockets extends SocketCounts {
  /** Drops every open section socket and refuses new ones, as a lost line does. */
  cut(): void;
  /** Lets sockets through again; the app reconnects by itself. */
  restore(): void;
}

/**
 * Routes a page's section sockets through the test, so the line can be cut.
 *
 * Chromium's offline emulation (`context.setOffline`) fails new requests and makes
 * `navigator.onLine` false, but leaves WebSockets that are already open alone: measured here,
 * updates typed while "offline" still reached the server. So a test that means offline calls
 * setOffline for HTTP and `cut()` for the sockets. Attach before the page loads the case.
 */
export async function routeSectionSockets(page: Page): Promise<CuttableSockets> {
  const counter = new Counter();
  const live = new Set<WebSocketRoute>();
  let isCut = false;
  await page.routeWebSocket(/\/ws\/case\/.+\/section\//, (socket) => {
    counter.open(socket.url());
    if (isCut) {
      void socket.close({ code: 1001, reason: 'ingen forbindelse' });
      return;
    }
    const server = socket.connectToServer();
    live.add(socket);
    socket.onMessage((message) => {
      counter.sent(socket.url(), message);
      server.send(message);
    });
    server.onMessage((message) => {
      counter.received(socket.url(), message);
      socket.send(message);
    });
    socket.onClose((code, reason) => {
      live.delete(socket);
      void server.close({ code, reason });
    });
    server.onClose((code, reason) => {
      live.delete(socket);
      void socket.close({ code, reason });
    });
  });
  return Object.assign(counter, {
    cut() {
      isCut = true;
      for (const socket of live) void socket.close({ code: 1001, reason: 'ingen forbindelse' });
      live.clear();
    },
    restore() {
      isCut = false;
    },
  });
}

/**
 * Makes the page announce `marker` in its presence state on a section's socket (through the
 * editor's own provider, as a caret move would), for `frameWith` to wait on.
 */
export async function sendPresenceMarker(page: Page, sectionId: string, marker: string): Promise<void> {
  await page.locator(`[data-section-id="${sectionId}"] .ProseMirror`).evaluate((element, value) => {
    type Provider = { awareness: { setLocalStateField(field: string, value: unknown): void } };
    type WithEditor = HTMLElement & {
      editor: { extensionManager: { extensions: Array<{ name: string; options: { provider?: Provider } }> } };
    };
    const caret = (element as WithEditor).editor.extensionManager.extensions.find(
      (extension) => extension.name === 'collaborationCaret',
    );
    if (!caret?.options.provider) throw new Error('no collaboration caret provider on this editor');
    caret.options.provider.awareness.setLocalStateField('testMarker', value);
  }, marker);
}
