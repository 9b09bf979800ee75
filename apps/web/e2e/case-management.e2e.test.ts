import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousAccessibilityViolations } from './support/axe.js';
import { launchChromium, openAs, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const STANDARD_SECTIONS = [
  'Innstilling til konsensus',
  'Bakgrunn',
  'Kommunenes vurdering',
  'Nordlandssykehuset HFs vurdering',
  'Innledning',
];

const sectionTitles = (page: Page) => page.locator('[data-section-id] > header > h2').allInnerTexts();
const sectionRegion = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });
/** Every control the secretariat has for managing a case, by the names a screen reader hears. */
const managementControls = (page: Page) =>
  page.getByRole('button', {
    name: /^(Ny sak|Rediger saksopplysninger|Gi nytt navn til delen|Flytt (opp|ned) delen|Slett delen)/,
  });

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await seriousAccessibilityViolations(page);
  if (violations.length > 0) console.error(JSON.stringify(violations, null, 2));
  expect(violations).toEqual([]);
}

describe('the secretariat creates a case and shapes it while a municipal member watches', () => {
  let server: RunningServer;
  let browser: Browser;
  let sara: Writer;
  let kari: Writer;
  let casePath: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    sara = await openAs(browser, 'sekretariat@lvs.demo', 'Sara Moe', `${server.url}/c/lvs`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the new case form, says what is wrong beside each field, and has no serious accessibility problems', async () => {
    const page = sara.page;
    await page.getByRole('button', { name: 'Ny sak' }).click();
    const form = page.getByRole('region', { name: 'Opprett en ny sak' });
    await form.waitFor();
    await expectNoSeriousViolations(page);
    // Nothing typed yet, and a number written the wrong way.
    await form.getByLabel('Saksnummer', { exact: true }).fill('5/2026');
    await form.getByRole('button', { name: 'Opprett saken' }).click();
    await form.getByText('Skriv en tittel på høyst 300 tegn.').waitFor();
    await form.getByText('Saksnummer skrives som NN-ÅÅÅÅ, for eksempel 05-2026.').waitFor();
    expect(await form.getByLabel('Tittel', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/c/lvs');
    await expectNoSeriousViolations(page);
  });

  it('creates the case with a number from the server and the standard sections', async () => {
    const page = sara.page;
    const form = page.getByRole('region', { name: 'Opprett en ny sak' });
    await form.getByLabel('Saksnummer', { exact: true }).fill('');
    await form.getByLabel('Tittel', { exact: true }).fill('Felles rutine for utskrivning');
    await form.getByLabel('Sakstype', { exact: true }).selectOption({ label: 'Beslutningssak' });
    await form.getByLabel('Organ', { exact: true }).selectOption({ label: 'Partnerskapsmøtet' });
    await form.getByLabel('Saksbehandlere', { exact: true }).fill('Sara Moe\nKnut Erik Dahlmo');
    await form.getByLabel('Dato dok', { exact: true }).fill('2026-11-02');
    await form
      .getByText(`Saken får standarddelene for sakstypen: ${STANDARD_SECTIONS.slice(0, -1).join(', ')} og Innledning.`)
      .waitFor();
    await form.getByRole('button', { name: 'Opprett saken' }).click();
    await page.waitForURL(/\/sak\/[a-z0-9-]+$/);
    casePath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Felles rutine for utskrivning' }).waitFor();
    await page.getByText(/^Partnerskapsmøte sak \d{2}-2026$/).waitFor();
    await page.getByText('Sara Moe og Knut Erik Dahlmo').waitFor();
    await sectionRegion(page, 'Innledning').waitFor();
    expect(await sectionTitles(page)).toEqual(STANDARD_SECTIONS);
    expect(sara.errors).toEqual([]);
  });

  it('shows members and observers the case without any management control', async () => {
    kari = await openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + casePath);
    const olga = await openAs(browser, 'observator@lvs.demo', 'Olga Strand', server.url + casePath);
    for (const { page } of [kari, olga]) {
      await sectionRegion(page, 'Innledning').waitFor();
      expect(await sectionTitles(page)).toEqual(STANDARD_SECTIONS);
      expect(await managementControls(page).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Legg til en del' }).count()).toBe(0);
    }
    // Nor a "Ny sak" button on the case list.
    await olga.page.goto(`${server.url}/c/lvs`);
    await olga.page.getByRole('link', { name: 'Felles rutine for utskrivning' }).waitFor();
    expect(await managementControls(olga.page).count()).toBe(0);
    expect(olga.errors).toEqual([]);
    await olga.context.close();
    // The secretariat has all of them on the same page.
    expect(await managementControls(sara.page).count()).toBe(1 + 4 * STANDARD_SECTIONS.length);
  });

  it('edits the header, seen at once by the member', async () => {
    const page = sara.page;
    await page.getByRole('button', { name: 'Rediger saksopplysninger' }).click();
    const form = page.getByRole('region', { name: 'Rediger saksopplysninger' });
    await form.getByLabel('Tittel', { exact: true }).fill('Felles rutine for utskrivning og innleggelse');
    await form.getByLabel('Møtedato', { exact: true }).fill('2026-12-01');
    await form.getByLabel('Vedlegg', { exact: true }).fill('Forslag til rutine\nSjekkliste ved utskrivning');
    await form.getByLabel('Vår ref', { exact: true }).fill('123/2026');
    await form.getByRole('button', { name: 'Lagre saksopplysningene' }).click();
    await form.getByText('Vår ref skrives som ÅÅÅÅ/NNNN, for eksempel 2026/0007.').waitFor();
    await expectNoSeriousViolations(page);
    await form.getByLabel('Vår ref', { exact: true }).fill('2026/0123');
    await form.getByRole('button', { name: 'Lagre saksopplysningene' }).click();
    await page.getByRole('heading', { level: 1, name: 'Felles rutine for utskrivning og innleggelse' }).waitFor();

    await kari.page.getByRole('heading', { level: 1, name: 'Felles rutine for utskrivning og innleggelse' }).waitFor();
    for (const text of ['01.12.2026', '2026/0123', 'Forslag til rutine', 'Sjekkliste ved utskrivning']) {
      await kari.page.locator('article > header').getByText(text).waitFor();
    }
  });

  it('adds a section that the member sees appear, and may write in, without reloading', async () => {
    const page = sara.page;
    // Marks the member's open editor, to see below that adding a section leaves it alone
    // (reconnecting it would drop what the member has typed and not yet sent).
    const kariBackground = sectionRegion(kari.page, 'Bakgrunn').locator('.ProseMirror');
    await kariBackground.evaluate((element) => Object.assign(element, { marked: true }));
    const add = page.getByRole('region', { name: 'Legg til en del' });
    // The shared rule allows one consensus wording per case: the form says so and will not add another.
    await add.getByLabel('Type del', { exact: true }).selectOption({ label: 'Innstilling til konsensus' });
    await add.getByText('En sak har bare én innstilling til konsensus').waitFor();
    expect(await add.getByRole('button', { name: 'Legg til delen' }).isDisabled()).toBe(true);

    await add.getByLabel('Type del', { exact: true }).selectOption({ label: 'Annet' });
    await add.getByLabel('Tittel på delen', { exact: true }).fill('Økonomiske konsekvenser');
    await add.getByLabel('Skrives av', { exact: true }).selectOption({ label: 'Felles (begge parter)' });
    await expectNoSeriousViolations(page);
    await add.getByRole('button', { name: 'Legg til delen' }).click();
    await sectionRegion(page, 'Økonomiske konsekvenser').waitFor();

    const added = sectionRegion(kari.page, 'Økonomiske konsekvenser');
    await added.waitFor();
    expect(await sectionTitles(kari.page)).toEqual([...STANDARD_SECTIONS, 'Økonomiske konsekvenser']);
    // Its text connects like any other section's, and a member writes shared text.
    await added.locator('.ProseMirror[contenteditable="true"]').waitFor();
    expect(await kariBackground.evaluate((element) => 'marked' in element)).toBe(true);
  });

  it('renames and moves the section, and deletes it after asking, all seen by the member', async () => {
    const page = sara.page;
    await page.getByRole('button', { name: 'Gi nytt navn til delen «Økonomiske konsekvenser»' }).click();
    await page.getByLabel('Ny tittel', { exact: true }).fill('Økonomi og ressurser');
    await page.getByRole('button', { name: 'Lagre tittelen' }).click();
    await sectionRegion(kari.page, 'Økonomi og ressurser').waitFor();
    expect(await sectionRegion(kari.page, 'Økonomiske konsekvenser').count()).toBe(0);

    await page.getByRole('button', { name: 'Flytt opp delen «Økonomi og ressurser»' }).click();
    const moved = [...STANDARD_SECTIONS.slice(0, -1), 'Økonomi og ressurser', 'Innledning'];
    await kari.page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[data-section-id] > header > h2')].map((e) => e.textContent).join('|') ===
        expected,
      moved.join('|'),
    );
    expect(await sectionTitles(page)).toEqual(moved);
    await page.getByText('«Økonomi og ressurser» er nå del 5 av 6.').waitFor();

    await page.getByRole('button', { name: 'Slett delen «Økonomi og ressurser»' }).click();
    const confirm = page.getByRole('alertdialog', { name: /Vil du slette delen «Økonomi og ressurser»\?/ });
    // Cancelling keeps it.
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    expect(await sectionRegion(page, 'Økonomi og ressurser').count()).toBe(1);
    await page.getByRole('button', { name: 'Slett delen «Økonomi og ressurser»' }).click();
    await confirm.getByRole('button', { name: 'Ja, slett delen' }).click();
    await kari.page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('[data-section-id] > header > h2')].map((e) => e.textContent).join('|') ===
        expected,
      STANDARD_SECTIONS.join('|'),
    );
    expect(await sectionTitles(page)).toEqual(STANDARD_SECTIONS);
  });

  it('threw no errors in either window', () => {
    expect(sara.errors).toEqual([]);
    expect(kari.errors).toEqual([]);
  });
});
