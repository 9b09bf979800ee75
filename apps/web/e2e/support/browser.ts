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

export const DEMO_PASSWORD = 'samraad-demo';

/** A fresh browser profile (its own cookies), collecting uncaught page errors. */
export async function openProfile(browser: Browser, name: string): Promise<Writer> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' });
  // Every step here takes well under a second; fail while the test still has time to report.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return { name, context, page, errors };
}

/** Fills in and sends the login form the app shows in place of any page when logged out. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByRole('heading', { name: 'Logg inn' }).waitFor();
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

/**
 * A demo user in their own browser profile who opens `url`, meets the login form and logs
 * in through it, landing on the page the link pointed to.
 */
export async function openAs(browser: Browser, email: string, name: string, url: string): Promise<Writer> {
  const writer = await openProfile(browser, name);
  await writer.page.goto(url);
  await logIn(writer.page, email);
  await writer.page.getByRole('button', { name: 'Logg ut' }).waitFor();
  return writer;
}

/**
 * Moves the caret with a key (Control+End, Control+Home) and waits until the editor knows.
 * ProseMirror learns of a keyboard caret move from the browser's asynchronous selectionchange
 * event; a person never types the next key fast enough to notice, a test on a busy machine does.
 */
export async function moveCaret(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** Selects `words` inside the editor of the section matching `section`, the way a mouse drag would. */
export async function selectWords(page: Page, section: string, words: string): Promise<void> {
  await page.locator(`${section} .ProseMirror`).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the section`);
  }, words);
}
