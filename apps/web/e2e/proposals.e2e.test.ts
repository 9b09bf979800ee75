import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, moveCaret, openAs, selectWords, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = '[data-section-id="kommunenes-vurdering"]';
const WORDS = 'Kunnskapskommunen Helse og Omsorg Nord';
const REPLACEMENT = 'KHO Nord';

const margin = (page: Page) => page.locator(SECTION).getByRole('complementary');
const editor = (page: Page) => page.locator(`${SECTION} .ProseMirror`);
const proposalCard = (page: Page, words: string) =>
  margin(page).getByRole('article', { name: `Forslag om «${words}»` });
/** What the text shows of a proposal: the words struck, and the proposed words drawn after them. */
const inline = (page: Page) => editor(page).locator('[data-proposal-id]');

describe('a proposal from the hospital on Kommunenes vurdering, accepted by the municipalities', () => {
  let server: RunningServer;
  let browser: Browser;
  let hospital: Writer;
  let municipal: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [hospital, municipal] = await Promise.all([
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
    ]);
    for (const writer of [hospital, municipal]) await editor(writer.page).filter({ hasText: WORDS }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the hospital propose a replacement in text it may not write, shown live to the municipalities', async () => {
    expect(await editor(hospital.page).getAttribute('contenteditable')).toBe('false');
    await selectWords(hospital.page, SECTION, WORDS);
    await margin(hospital.page).getByRole('button', { name: 'Foreslå endring' }).click();
    await margin(hospital.page).getByRole('textbox', { name: 'Foreslått tekst' }).fill(REPLACEMENT);
    await margin(hospital.page)
      .getByRole('textbox', { name: 'Begrunnelse (valgfritt)' })
      .fill('Kortere og kjent navn.');
    await margin(hospital.page).getByRole('button', { name: 'Send forslag' }).click();

    const card = proposalCard(municipal.page, WORDS);
    await card.getByText('Forslag fra Nils Berg').waitFor({ timeout: 5_000 });
    await card.getByText('Kortere og kjent navn.').waitFor();
    // In the text, like a tracked change: the words struck and the proposal underlined after them.
    await inline(municipal.page).getByText(REPLACEMENT).waitFor();
    expect(await inline(municipal.page).getAttribute('title')).toBe(`Forslag fra Nils Berg: «${REPLACEMENT}»`);
    const struck = await editor(municipal.page)
      .locator(`[data-thread-id]`)
      .evaluateAll((spans) => spans.map((span) => span.textContent).join(''));
    expect(struck).toBe(WORDS);
    // The proposal is not in the shared text.
    expect(await editor(municipal.page).textContent()).toContain(WORDS);

    // Only the side that writes the section may decide it; the proposer is told so.
    await proposalCard(hospital.page, WORDS).getByText('Forslag fra Nils Berg').waitFor();
    expect(await proposalCard(hospital.page, WORDS).getByRole('button', { name: 'Godta' }).count()).toBe(0);
    await proposalCard(hospital.page, WORDS)
      .getByText(/Bare de som kan skrive denne delen/)
      .waitFor();
  });

  it('applies the proposal when the municipalities accept it, and the history says who proposed and who accepted', async () => {
    await proposalCard(municipal.page, WORDS).getByRole('button', { name: 'Godta' }).click();
    for (const writer of [municipal, hospital]) {
      // The words themselves are replaced (a proposal still shown would read «…NordKHO Nord…»).
      await editor(writer.page)
        .filter({ hasText: `sammen med ${REPLACEMENT}. Saken` })
        .waitFor({ timeout: 5_000 });
      expect(await editor(writer.page).textContent()).not.toContain(WORDS);
      // Decided: the thread is resolved and the text no longer shows the proposal.
      await proposalCard(writer.page, WORDS).waitFor({ state: 'detached' });
      expect(await inline(writer.page).count()).toBe(0);
    }

    await margin(hospital.page).getByRole('button', { name: 'Vis løste (1)' }).click();
    await proposalCard(hospital.page, WORDS)
      .getByText(/^Godtatt av Kari Lind/)
      .waitFor();

    const history = municipal.page.locator(SECTION).getByRole('region', { name: /^Historikk for/ });
    await municipal.page.locator(SECTION).getByRole('button', { name: 'Historikk', exact: true }).click();
    const version = history
      .getByRole('listitem')
      .filter({ has: municipal.page.getByText('Forslag fra Nils Berg godtatt av Kari Lind', { exact: true }) });
    await version.waitFor({ timeout: 5_000 });
    expect(await version.textContent()).toContain('av Kari Lind');
  });

  it('says «Teksten er endret siden forslaget» when the words change under a proposal, and then offers no Godta', async () => {
    const words = 'KHO Nord';
    await selectWords(hospital.page, SECTION, words);
    await margin(hospital.page).getByRole('button', { name: 'Foreslå endring' }).click();
    await margin(hospital.page).getByRole('textbox', { name: 'Foreslått tekst' }).fill('KHO Nord-Norge');
    await margin(hospital.page).getByRole('button', { name: 'Send forslag' }).click();
    const card = proposalCard(municipal.page, words);
    await card.getByRole('button', { name: 'Godta' }).waitFor({ timeout: 5_000 });

    // The municipal member types inside the proposed words: «KHO Midt Nord».
    await selectWords(municipal.page, SECTION, words);
    await moveCaret(municipal.page, 'ArrowLeft');
    for (let step = 0; step < 'KHO'.length; step += 1) await moveCaret(municipal.page, 'ArrowRight');
    await municipal.page.keyboard.type(' Midt');
    for (const writer of [municipal, hospital]) {
      await proposalCard(writer.page, words).getByText('Teksten er endret siden forslaget').waitFor({ timeout: 5_000 });
    }
    expect(await card.getByRole('button', { name: 'Godta' }).isDisabled()).toBe(true);
    await card.getByRole('button', { name: 'Avvis' }).click();
    await card.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('threw no errors in any window', () => {
    expect([...hospital.errors, ...municipal.errors]).toEqual([]);
  });
});
