import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, moveCaret, openAs, selectWords, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = '[data-section-id="kommunenes-vurdering"]';
const WORDS = 'Kunnskapskommunen Helse og Omsorg Nord';

const margin = (page: Page, section = SECTION) => page.locator(section).getByRole('complementary');
const highlighted = (page: Page, section = SECTION) =>
  page.locator(`${section} .comment-highlight`).evaluateAll((spans) => spans.map((span) => span.textContent).join(''));

describe('a threaded discussion in the margin of Kommunenes vurdering', () => {
  let server: RunningServer;
  let browser: Browser;
  let hospital: Writer;
  let municipal: Writer;
  let observer: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [hospital, municipal, observer] = await Promise.all([
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
      openAs(browser, 'observator@lvs.demo', 'Olga Strand', server.url + CASE_PATH),
    ]);
    for (const writer of [hospital, municipal, observer]) {
      await writer.page.locator(`${SECTION} .ProseMirror`).filter({ hasText: WORDS }).waitFor();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the hospital member comment on words of a section it may not write, seen live by the others', async () => {
    expect(await hospital.page.locator(`${SECTION} .ProseMirror`).getAttribute('contenteditable')).toBe('false');
    await selectWords(hospital.page, SECTION, WORDS);
    await margin(hospital.page).getByRole('button', { name: 'Kommenter markert tekst' }).click();
    await margin(hospital.page)
      .getByRole('textbox', { name: 'Skriv en kommentar' })
      .fill('Hvilken rolle er tenkt for KHO Nord her? <b>ikke fet</b>');
    await margin(hospital.page).getByRole('combobox').first().selectOption({ label: 'Kari Lind (Bodø kommune)' });
    await margin(hospital.page).getByRole('button', { name: 'Send' }).click();

    for (const writer of [municipal, observer]) {
      const thread = margin(writer.page).getByRole('article', { name: `Kommentartråd om «${WORDS}»` });
      await thread
        .getByText('Hvilken rolle er tenkt for KHO Nord her? <b>ikke fet</b> @Kari Lind')
        .waitFor({ timeout: 5_000 });
      // Shown as text, not markup.
      expect(await thread.locator('b').count()).toBe(0);
      expect(await highlighted(writer.page)).toBe(WORDS);
    }
    await municipal.page.getByText('1 åpen kommentar', { exact: true }).first().waitFor();
  });

  it("lists the mention on the mentioned person's start page", async () => {
    const start = await municipal.context.newPage();
    await start.goto(server.url + '/');
    const mine = start.getByRole('region', { name: 'Nevnt i kommentarer' });
    await mine.getByRole('link', { name: /Sak 04-2022 .*Kommunenes vurdering/ }).waitFor();
    await start.close();
  });

  it('keeps the comment on its words while the municipal member types just before and after them', async () => {
    const page = municipal.page;
    const editor = page.locator(`${SECTION} .ProseMirror`);
    await editor.click();
    // Type before the words, then after them: the highlight keeps covering exactly the words.
    await moveCaret(page, 'Control+Home');
    await page.keyboard.type('Innledningsvis: ');
    await moveCaret(page, 'Control+End');
    await page.keyboard.type(' Tillegg etter.');
    for (const writer of [hospital, municipal, observer]) {
      await writer.page.locator(`${SECTION} .ProseMirror`).filter({ hasText: 'Tillegg etter.' }).waitFor();
      expect(await highlighted(writer.page)).toBe(WORDS);
    }
  });

  it('lets the municipal member reply and the observer take part, then resolve the thread', async () => {
    const threadOf = (page: Page) => margin(page).getByRole('article', { name: `Kommentartråd om «${WORDS}»` });
    await threadOf(municipal.page).getByRole('textbox', { name: 'Svar' }).fill('KHO Nord skal bidra med fagkunnskap.');
    await threadOf(municipal.page).getByRole('button', { name: 'Send' }).click();
    await threadOf(observer.page).getByText('KHO Nord skal bidra med fagkunnskap.').waitFor({ timeout: 5_000 });

    // Observers comment like members: it is how they use their right to speak.
    await threadOf(observer.page).getByRole('textbox', { name: 'Svar' }).fill('Brukerrådet vil gjerne delta.');
    await threadOf(observer.page).getByRole('button', { name: 'Send' }).click();
    await threadOf(hospital.page).getByText('Brukerrådet vil gjerne delta.').waitFor({ timeout: 5_000 });
    // An observer may not resolve a thread on the municipalities' text.
    expect(await threadOf(observer.page).getByRole('button', { name: 'Marker som løst' }).count()).toBe(0);

    await threadOf(municipal.page).getByRole('button', { name: 'Marker som løst' }).click();
    for (const writer of [hospital, observer]) {
      await threadOf(writer.page).waitFor({ state: 'detached', timeout: 5_000 });
      await margin(writer.page).getByRole('button', { name: 'Vis løste (1)' }).click();
      await threadOf(writer.page).getByText(/Løst/).waitFor();
    }
  });

  it('threw no errors in any window', () => {
    expect([...hospital.errors, ...municipal.errors, ...observer.errors]).toEqual([]);
  });
});

describe('comments on the very first and the very last words of Innledning', () => {
  const INNLEDNING = '[data-section-id="innledning"]';
  const FIRST_WORDS = 'I tråd med';
  const LAST_WORDS = 'informerer i etterkant.';
  let server: RunningServer;
  let browser: Browser;
  let observer: Writer;
  let municipal: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [observer, municipal] = await Promise.all([
      openAs(browser, 'observator@lvs.demo', 'Olga Strand', server.url + CASE_PATH),
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
    ]);
    for (const writer of [observer, municipal]) {
      await writer.page.locator(`${INNLEDNING} .ProseMirror`).filter({ hasText: LAST_WORDS }).waitFor();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function comment(words: string, text: string): Promise<void> {
    const page = observer.page;
    await selectWords(page, INNLEDNING, words);
    await margin(page, INNLEDNING).getByRole('button', { name: 'Kommenter markert tekst' }).click();
    const composer = margin(page, INNLEDNING).locator('[data-new-thread]');
    await composer.getByRole('textbox', { name: 'Skriv en kommentar' }).fill(text);
    await composer.getByRole('button', { name: 'Send' }).click();
  }

  /** The thread is placed on its words (not shown as deleted text) for everyone in the case. */
  async function expectAnchored(pages: Page[], words: string): Promise<void> {
    for (const page of pages) {
      const thread = margin(page, INNLEDNING).getByRole('article', { name: `Kommentartråd om «${words}»` });
      await thread.waitFor({ timeout: 5_000 });
      expect(await thread.getByText('Teksten er slettet').count()).toBe(0);
      expect(await thread.getByRole('button', { name: new RegExp(words) }).isEnabled()).toBe(true);
    }
  }

  it('keeps a comment on the first words of the section on those words', async () => {
    await comment(FIRST_WORDS, 'Bør vi nevne handlingsplanen her?');
    await expectAnchored([observer.page, municipal.page], FIRST_WORDS);
    for (const page of [observer.page, municipal.page]) expect(await highlighted(page, INNLEDNING)).toBe(FIRST_WORDS);
  });

  it('keeps a comment on the last words of the section on those words', async () => {
    await comment(LAST_WORDS, 'Hvem informerer hvem?');
    await expectAnchored([observer.page, municipal.page], LAST_WORDS);
    for (const page of [observer.page, municipal.page])
      expect(await highlighted(page, INNLEDNING)).toBe(FIRST_WORDS + LAST_WORDS);
  });

  it('places both again from the stored anchors in a freshly opened window', async () => {
    const fresh = await municipal.context.newPage();
    await fresh.goto(server.url + CASE_PATH);
    await fresh.locator(`${INNLEDNING} .ProseMirror`).filter({ hasText: LAST_WORDS }).waitFor();
    await expectAnchored([fresh], FIRST_WORDS);
    await expectAnchored([fresh], LAST_WORDS);
    expect(await highlighted(fresh, INNLEDNING)).toBe(FIRST_WORDS + LAST_WORDS);
    await fresh.close();
  });

  it('threw no errors in any window', () => {
    expect([...observer.errors, ...municipal.errors]).toEqual([]);
  });
});
