import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { lockByConsensus } from './support/api.js';
import { launchChromium, logIn, moveCaret, openAs, openProfile, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { routeSectionSockets, type CuttableSockets } from './support/sockets.js';

const CASE_ID = 'lvs-04-2022';
const CASE_PATH = `/sak/${CASE_ID}`;
const THROUGH_RELOAD = 'Skrevet uten nett og tatt vare på gjennom en omlasting.';
const THROUGH_CLOSE = 'Skrevet uten nett før fanen ble lukket.';
const BEFORE_LOCK = 'Skrevet uten nett mens partene låste teksten.';

const section = (page: Page, sectionId: string) => page.locator(`[data-section-id="${sectionId}"]`);
const editor = (page: Page, sectionId: string) => section(page, sectionId).locator('.ProseMirror');
const unsentStatus = (page: Page) => page.getByRole('status').filter({ hasText: /ikke sendt ennå/ });

/** Opens a new paragraph at the end of a section and types into it. */
async function typeAtEnd(page: Page, sectionId: string, text: string): Promise<void> {
  await editor(page, sectionId).click();
  await moveCaret(page, 'Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 5 });
}

describe('writing without a line: kept in the browser, sent when back, handed back when refused', () => {
  let server: RunningServer;
  let browser: Browser;
  let kari: Writer;
  let sockets: CuttableSockets;
  let jonas: Writer;
  let nils: Writer;
  let sara: Writer;
  /** The kinds of dialogs Kari's pages opened (beforeunload asks before leaving). */
  const dialogs: string[] = [];

  /** Kari's page on the case, its section sockets routed through the test so the line can be cut. */
  async function openKari(page: Page): Promise<void> {
    sockets = await routeSectionSockets(page);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.goto(server.url + CASE_PATH);
  }

  /** Offline as far as the browser can tell: no HTTP, navigator.onLine false, and no sockets. */
  async function goOffline(): Promise<void> {
    await kari.context.setOffline(true);
    sockets.cut();
    await kari.page.getByRole('status').filter({ hasText: 'Frakoblet' }).waitFor();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    kari = await openProfile(browser, 'Kari Lind');
    await openKari(kari.page);
    await logIn(kari.page, 'kommune@lvs.demo');
    [jonas, nils, sara] = await Promise.all([
      openAs(browser, 'kommune2@lvs.demo', 'Jonas Eide', server.url + CASE_PATH),
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
      openAs(browser, 'sekretariat@lvs.demo', 'Sara Moe', server.url + CASE_PATH),
    ]);
    for (const writer of [kari, jonas]) {
      await writer.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
      await editor(writer.page, 'bakgrunn').filter({ hasText: /\S/ }).waitFor();
    }
    // Four people log in; on a loaded machine that alone can take most of a minute.
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('keeps text typed offline through a reload, says it is unsent, and sends it when the line is back', async () => {
    await goOffline();
    const sentBefore = sockets.changesSent();
    await typeAtEnd(kari.page, 'bakgrunn', THROUGH_RELOAD);
    await unsentStatus(kari.page)
      .filter({ hasText: /^\d+ endringer er ikke sendt ennå/ })
      .waitFor();
    // HTTP back so the page can load, the sockets still cut: the text can only come from the browser.
    await kari.context.setOffline(false);
    await kari.page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    // A reload on a loaded machine (the e2e files run two at a time) can take most of the
    // default 15 s before the browser copy is read back.
    await editor(kari.page, 'bakgrunn').filter({ hasText: THROUGH_RELOAD }).waitFor({ timeout: 45_000 });
    await unsentStatus(kari.page).waitFor();
    expect(sockets.changesSent()).toBe(sentBefore);
    expect(await editor(jonas.page, 'bakgrunn').innerText()).not.toContain(THROUGH_RELOAD);

    sockets.restore();
    await editor(jonas.page, 'bakgrunn').filter({ hasText: THROUGH_RELOAD }).waitFor({ timeout: 15_000 });
    // Confirmed by the server, so no longer counted.
    await unsentStatus(kari.page).waitFor({ state: 'detached' });
    await kari.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
  });

  it('keeps text typed offline when the tab is closed, and sends it when the case is opened again', async () => {
    await goOffline();
    const sentBefore = sockets.changesSent();
    await typeAtEnd(kari.page, 'bakgrunn', THROUGH_CLOSE);
    await unsentStatus(kari.page).waitFor();
    const closed = new Promise((resolve) => kari.page.once('close', resolve));
    dialogs.length = 0;
    await kari.page.close({ runBeforeUnload: true });
    await closed;
    expect(dialogs).toEqual(['beforeunload']);
    // The page is gone and sent nothing after the cut: the server cannot have the text.
    expect(sockets.changesSent()).toBe(sentBefore);
    expect(await editor(jonas.page, 'bakgrunn').innerText()).not.toContain(THROUGH_CLOSE);

    await kari.context.setOffline(false);
    kari.page = await kari.context.newPage();
    kari.page.on('pageerror', (error) => kari.errors.push(error.stack ?? error.message));
    await openKari(kari.page);
    await editor(kari.page, 'bakgrunn').filter({ hasText: THROUGH_CLOSE }).waitFor();
    await editor(jonas.page, 'bakgrunn').filter({ hasText: THROUGH_CLOSE }).waitFor({ timeout: 15_000 });
    await unsentStatus(kari.page).waitFor({ state: 'detached' });
  });

  it('hands back text typed offline in a section the sides locked meanwhile, and never sends it', async () => {
    await kari.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
    await editor(kari.page, 'kommunenes-vurdering').filter({ hasText: /\S/ }).waitFor();
    await goOffline();
    await typeAtEnd(kari.page, 'kommunenes-vurdering', BEFORE_LOCK);
    await unsentStatus(kari.page).waitFor();

    await lockByConsensus(CASE_ID, { secretariat: sara.page, municipal: jonas.page, hospital: nils.page });
    await section(jonas.page, 'kommunenes-vurdering').and(jonas.page.locator('[data-locked="true"]')).waitFor();

    await kari.context.setOffline(false);
    sockets.restore();
    const handedBack = section(kari.page, 'kommunenes-vurdering')
      .getByRole('alert')
      .filter({ hasText: 'Dette du skrev, ble ikke lagret' });
    await handedBack.waitFor({ timeout: 15_000 });
    expect(await handedBack.getByLabel('Teksten du skrev').inputValue()).toBe(BEFORE_LOCK);
    // The section now shows the server's text, read-only, without what was handed back.
    await editor(kari.page, 'kommunenes-vurdering').filter({ hasText: /\S/ }).waitFor();
    await kari.page.waitForFunction((text) => {
      const shown = document.querySelector('[data-section-id="kommunenes-vurdering"] .ProseMirror');
      return shown?.getAttribute('contenteditable') === 'false' && !shown.textContent?.includes(text);
    }, BEFORE_LOCK);
    await unsentStatus(kari.page).waitFor({ state: 'detached' });
    expect(await editor(jonas.page, 'kommunenes-vurdering').innerText()).not.toContain(BEFORE_LOCK);

    // Still there after a reload (until dismissed), and the browser's copy no longer holds the text.
    dialogs.length = 0;
    await kari.page.reload();
    expect(dialogs).toEqual([]);
    await handedBack.waitFor();
    await editor(kari.page, 'kommunenes-vurdering').filter({ hasText: /\S/ }).waitFor();
    expect(await editor(kari.page, 'kommunenes-vurdering').innerText()).not.toContain(BEFORE_LOCK);
    await handedBack.getByRole('button', { name: 'Lukk' }).click();
    await handedBack.waitFor({ state: 'detached' });
  });

  it('deletes the stored copies from the browser on logout', async () => {
    const storedNames = () =>
      kari.page.evaluate(async () =>
        (await indexedDB.databases())
          .map((database) => database.name ?? '')
          .filter((name) => name.startsWith('samraad-')),
      );
    expect((await storedNames()).length).toBeGreaterThan(0);
    await kari.page.getByRole('button', { name: 'Logg ut' }).click();
    await kari.page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    await kari.page.waitForFunction(async () =>
      (await indexedDB.databases()).every((database) => !database.name?.startsWith('samraad-')),
    );
    expect(
      await kari.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('samraad-'))),
    ).toEqual([]);
  });

  it('threw no errors in any window', () => {
    expect([...kari.errors, ...jonas.errors, ...nils.errors, ...sara.errors]).toEqual([]);
  });
});
