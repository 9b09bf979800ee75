import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export interface ServerAndBrowser {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * The built server (with `env` added to its environment) and a headless Chromium, started
 * before the tests of the enclosing describe block and stopped after them. Hooks the block
 * registers afterwards run once both are up. Both are set in beforeAll, so read them inside
 * hooks and tests, not at the block's top level.
 */
export function serverAndBrowser(env: Record<string, string> = {}): ServerAndBrowser {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll: read it inside a hook or a test');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll: read it inside a hook or a test');
      return browser;
    },
  };
}
