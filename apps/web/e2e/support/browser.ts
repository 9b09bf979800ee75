import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The Debian Chromium of the build image, headless and without network chatter. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface Writer {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page: a working app has none. */
  errors: string[];
}

/**
 * A person in their own browser profile who has already told Samråd their name, so the
 * test lands on the page itself rather than on "Hva heter du?".
 */
export async function openAs(browser: Browser, name: string, url: string): Promise<Writer> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' });
  await context.addInitScript((storedName: string) => {
    window.localStorage.setItem('samraad.name', storedName);
  }, name);
  // Every step here takes well under a second; fail while the test still has time to report.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  await page.goto(url);
  return { name, context, page, errors };
}
