import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadAxe } from './support/axe.js';
import { launchChromium, moveCaret, openAs, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = 'bakgrunn';
const NEW_SENTENCE = 'Partnerskapet ber om en felles plan for legevakt innen sommeren.';

const section = (page: Page) => page.locator(`[data-section-id="${SECTION}"]`);
const editor = (page: Page) => section(page).locator('.ProseMirror');
const panel = (page: Page) => section(page).getByRole('region', { name: /^Historikk for/ });
const versionItem = (page: Page, label: string) =>
  panel(page)
    .getByRole('list', { name: 'Versjoner, nyeste først' })
    .getByRole('listitem')
    .filter({ has: page.getByText(label, { exact: true }) });
/** The versions' names in list order, read from the accessible names of their "Vis" buttons. */
const versionLabels = (page: Page) =>
  panel(page)
    .getByRole('list', { name: 'Versjoner, nyeste først' })
    .getByRole('button', { name: /^Vis versjonen «/ })
    .evaluateAll((buttons) =>
      buttons.map((button) => /^Vis versjonen «(.*)»$/.exec(button.getAttribute('aria-label') ?? '')?.[1] ?? ''),
    );

async function saveVersion(page: Page, label: string): Promise<void> {
  await panel(page).getByLabel('Navn på versjonen').fill(label);
  await panel(page).getByRole('button', { name: 'Lagre versjon' }).click();
  await panel(page)
    .getByRole('status')
    .filter({ hasText: `Versjonen «${label}» er lagret.` })
    .waitFor();
  await versionItem(page, label).waitFor();
}

describe('version history of a section: name, compare, restore (sak 04-2022, bakgrunn)', () => {
  let server: RunningServer;
  let browser: Browser;
  let kari: Writer;
  let sara: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [kari, sara] = await Promise.all([
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
      openAs(browser, 'sekretariat@lvs.demo', 'Sara Moe', server.url + CASE_PATH),
    ]);
    for (const writer of [kari, sara]) {
      await writer.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
      await editor(writer.page).and(writer.page.locator('[contenteditable="true"]')).waitFor();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the history from a keyboard-reachable toggle and names versions on demand', async () => {
    const page = kari.page;
    const toggle = section(page).getByRole('button', { name: 'Historikk', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await panel(page).waitFor();

    await saveVersion(page, 'Før endring');
    const before = versionItem(page, 'Før endring');
    expect(await before.textContent()).toContain('Navngitt');
    expect(await before.textContent()).toContain('av Kari Lind');

    // A new sentence, stored by the server (the other window gets it only after it is stored).
    await editor(page).click();
    await moveCaret(page, 'Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(NEW_SENTENCE, { delay: 5 });
    await editor(sara.page).filter({ hasText: NEW_SENTENCE }).waitFor();

    await saveVersion(page, 'Etter endring');
    // Newest first.
    const labels = await versionLabels(page);
    expect(labels.indexOf('Etter endring')).toBeLessThan(labels.indexOf('Før endring'));
  });

  it('compares the two versions: the new words are added, and Kari is named as author', async () => {
    const page = kari.page;
    const fromId = await versionItem(page, 'Før endring').getAttribute('data-version-id');
    const toId = await versionItem(page, 'Etter endring').getAttribute('data-version-id');
    await panel(page).getByLabel('Fra', { exact: true }).selectOption(fromId);
    await panel(page).getByLabel('Til', { exact: true }).selectOption(toId);
    await panel(page).getByRole('button', { name: 'Sammenlign', exact: true }).click();

    const diff = panel(page).getByRole('region', { name: 'Sammenlign to versjoner' });
    await diff.getByRole('heading', { name: 'Endringer fra «Før endring» til «Etter endring»' }).waitFor();
    const added = (await diff.getByRole('insertion').allTextContents()).join(' ');
    for (const word of NEW_SENTENCE.split(' ')) expect(added).toContain(word);
    expect(await diff.getByRole('deletion').count()).toBe(0);
    expect(await diff.getByText(/^Endret av /).textContent()).toBe('Endret av Kari Lind');

    // The other way round, the same words are removed.
    await panel(page).getByLabel('Fra', { exact: true }).selectOption(toId);
    await panel(page).getByLabel('Til', { exact: true }).selectOption(fromId);
    await panel(page).getByRole('button', { name: 'Sammenlign', exact: true }).click();
    await diff.getByRole('heading', { name: 'Endringer fra «Etter endring» til «Før endring»' }).waitFor();
    expect(await diff.getByRole('insertion').count()).toBe(0);
    expect((await diff.getByRole('deletion').allTextContents()).join(' ')).toContain('legevakt');

    // The list's shortcut compares a version with the one before it.
    await panel(page).getByRole('button', { name: 'Sammenlign med forrige: «Etter endring»' }).click();
    await diff.getByRole('heading', { name: 'Endringer fra «Før endring» til «Etter endring»' }).waitFor();
  });

  it('shows an old version read-only and restores it as a new change, live in every window', async () => {
    const page = kari.page;
    await versionItem(page, 'Før endring').getByRole('button', { name: 'Vis versjonen «Før endring»' }).click();
    const view = panel(page).getByRole('region', { name: 'Versjon «Før endring»' });
    // The demo text of the section as it was before Kari wrote in it.
    await view.getByText(/^Før etablering av helsefelleskapet/).waitFor();
    expect(await view.textContent()).not.toContain(NEW_SENTENCE);
    expect(await view.locator('[contenteditable]').count()).toBe(0);
    // Viewing preselects the viewed version in the comparison (against the one before it, or
    // against the newest when it is the oldest).
    const viewedId = await versionItem(page, 'Før endring').getAttribute('data-version-id');
    const preselected = [
      await panel(page).getByLabel('Fra', { exact: true }).inputValue(),
      await panel(page).getByLabel('Til', { exact: true }).inputValue(),
    ];
    expect(preselected).toContain(viewedId);

    await view.getByRole('button', { name: 'Gjenopprett denne versjonen' }).click();
    await view
      .getByRole('group')
      .getByText(/erstattes med versjonen «Før endring»/)
      .waitFor();
    await view.getByRole('button', { name: 'Ja, gjenopprett' }).click();
    await panel(page)
      .getByRole('status')
      .filter({ hasText: 'Versjonen «Før endring» er gjenopprettet som en ny endring.' })
      .waitFor();

    for (const writer of [kari, sara]) {
      await writer.page.waitForFunction(
        ({ selector, sentence }) => {
          const text = document.querySelector(selector)?.textContent ?? '';
          return text.length > 0 && !text.includes(sentence);
        },
        { selector: `[data-section-id="${SECTION}"] .ProseMirror`, sentence: NEW_SENTENCE },
      );
    }

    // History is kept: both named versions are still listed, and the restore is a new version on top.
    await versionItem(page, 'Gjenopprettet fra «Før endring»').waitFor();
    const labels = await versionLabels(page);
    expect(labels[0]).toBe('Gjenopprettet fra «Før endring»');
    expect(labels).toEqual(expect.arrayContaining(['Før endring', 'Etter endring']));
  });

  it('lists the new version when another window opens the history afterwards, and closes with Escape', async () => {
    const page = sara.page;
    const toggle = section(page).getByRole('button', { name: 'Historikk', exact: true });
    await toggle.click();
    await versionItem(page, 'Gjenopprettet fra «Før endring»').waitFor();
    await versionItem(page, 'Etter endring').waitFor();
    await panel(page).getByLabel('Navn på versjonen').focus();
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Historikk');
  });

  it('adds a version stored in another window to an open history, without reopening it', async () => {
    await section(sara.page).getByRole('button', { name: 'Historikk', exact: true }).click();
    await versionItem(sara.page, 'Etter endring').waitFor();
    await saveVersion(kari.page, 'Sendt til SSU');
    await versionItem(sara.page, 'Sendt til SSU').waitFor();
    expect((await versionLabels(sara.page))[0]).toBe('Sendt til SSU');
  });

  it('has no serious accessibility problems in the history panel', async () => {
    const page = kari.page;
    await loadAxe(page);
    // The panel with its toggle: the element around both.
    const violations = await panel(page)
      .locator('xpath=..')
      .evaluate(async (history) => {
        const results = await window.axe.run(history, { resultTypes: ['violations'] });
        return results.violations
          .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
          .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      });
    expect(violations).toEqual([]);
  });

  it('threw no errors in either window', () => {
    expect([...kari.errors, ...sara.errors]).toEqual([]);
  });
});

describe('versions Samråd keeps by itself: the first one and one after each editing session', () => {
  let server: RunningServer;
  let browser: Browser;
  let kari: Writer;

  beforeAll(async () => {
    // A short quiet period, so the session ends while the test watches.
    server = await startServer({ EDITING_SESSION_QUIET_MS: '400' });
    browser = await launchChromium();
    kari = await openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH);
    await editor(kari.page).and(kari.page.locator('[contenteditable="true"]')).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts the history with the section as it was created', async () => {
    const page = kari.page;
    await section(page).getByRole('button', { name: 'Historikk', exact: true }).click();
    const items = panel(page).getByRole('list', { name: 'Versjoner, nyeste først' }).getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    expect(await versionItem(page, 'Opprettet').textContent()).toContain('lagret av Samråd');
  });

  it('adds a version labelled as saved after editing, naming who wrote, once Kari has stopped typing', async () => {
    const page = kari.page;
    await editor(page).click();
    await moveCaret(page, 'Control+End');
    await page.keyboard.type(' Kommunene slutter seg til.', { delay: 5 });
    const saved = versionItem(page, 'Automatisk lagret etter redigering');
    await saved.waitFor({ timeout: 10_000 });
    expect(await saved.textContent()).toContain('Automatisk');
    expect(await saved.textContent()).toContain('skrevet av Kari Lind');
    const labels = await versionLabels(page);
    expect(labels).toEqual(['Automatisk lagret etter redigering', 'Opprettet']);
  });

  it('threw no errors', () => {
    expect(kari.errors).toEqual([]);
  });
});
