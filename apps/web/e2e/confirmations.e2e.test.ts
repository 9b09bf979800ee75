import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seriousAccessibilityViolations } from './support/axe.js';
import { launchChromium, openAs, selectWords, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

/** The SSU action plan, in the decision round; its wording is the section "Anbefaling". */
const CASE_PATH = '/sak/lvs-07-2021';
const SECTION = '[data-section-id="anbefaling"]';
const FIRST = 'handlingsplan for strategisk samarbeidsutvalg';
const SECOND = 'Overordnet samarbeidsorgan';

const panel = (page: Page) => page.getByRole('region', { name: 'Konsensus', exact: true });
const margin = (page: Page) => page.locator(SECTION).getByRole('complementary');
const approveButton = (page: Page) => panel(page).getByRole('button', { name: 'Godkjenn innstillingen for Kommunene' });
const approveDialog = (page: Page) => page.getByRole('dialog', { name: 'Godkjenne innstillingen for Kommunene?' });

/** Starts a thread on `words` of the wording, as the person on `page`. */
async function comment(page: Page, words: string, body: string): Promise<void> {
  await selectWords(page, SECTION, words);
  await margin(page).getByRole('button', { name: 'Kommenter markert tekst' }).click();
  const composer = margin(page)
    .locator('form')
    .filter({ has: page.getByRole('textbox', { name: 'Skriv en kommentar' }) });
  await composer.getByRole('textbox', { name: 'Skriv en kommentar' }).fill(body);
  await composer.getByRole('button', { name: 'Send' }).click();
  await margin(page)
    .getByRole('article', { name: `Kommentartråd om «${words}»` })
    .waitFor();
}

describe('approving the wording while comments on it are still open', () => {
  let server: RunningServer;
  let browser: Browser;
  let municipal: Writer;
  let hospital: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [municipal, hospital] = await Promise.all([
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
    ]);
    for (const writer of [municipal, hospital])
      await writer.page.locator(`${SECTION} .ProseMirror`).filter({ hasText: FIRST }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says how many comments are open, lets the approver read them, and cancelling approves nothing', async () => {
    await comment(hospital.page, FIRST, 'Bør perioden stå i teksten?');
    await comment(hospital.page, SECOND, 'Skriv OSO fullt ut første gang.');
    const page = municipal.page;
    await margin(page)
      .getByRole('article', { name: `Kommentartråd om «${SECOND}»` })
      .waitFor();

    await approveButton(page).click();
    const dialog = approveDialog(page);
    await dialog.waitFor();
    // Modal: focus is inside the dialog, and it says what approving does.
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    const text = await dialog.textContent();
    expect(text).toContain(
      'Du godkjenner den nøyaktige teksten i «Anbefaling» slik den står nå, på vegne av Kommunene.',
    );
    expect(text).toContain('2 åpne kommentarer på innstillingen');
    // Each open thread can be read in the dialog before deciding.
    await dialog.getByText(`Kommentar til «${FIRST}»`).click();
    await dialog.getByText('Bør perioden stå i teksten?').waitFor();
    expect(await dialog.getByText('Nils Berg').first().isVisible()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await approveButton(page).evaluate((element) => element === document.activeElement)).toBe(true);
    // Nothing was approved: the server still has no approval for the municipalities.
    const state = (await (await page.request.get(`${server.url}/api/cases/lvs-07-2021/consensus`)).json()) as {
      approvals: unknown[];
    };
    expect(state.approvals).toEqual([]);
    await panel(page).locator('[data-side="kommune"]').filter({ hasText: 'har ikke godkjent' }).waitFor();
  });

  it('counts one open comment in the singular, and approves on confirmation', async () => {
    await margin(hospital.page)
      .getByRole('article', { name: `Kommentartråd om «${SECOND}»` })
      .getByRole('button', { name: 'Marker som løst' })
      .click();
    const page = municipal.page;
    // The section's own count follows the resolution live, in the singular.
    await page.locator(SECTION).getByText('1 åpen kommentar', { exact: true }).waitFor();
    await approveButton(page).click();
    const dialog = approveDialog(page);
    expect(await dialog.textContent()).toContain('1 åpen kommentar på innstillingen');
    await dialog.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await panel(hospital.page).locator('[data-side="kommune"]').filter({ hasText: 'godkjent av Kari Lind' }).waitFor();
    expect(municipal.errors).toEqual([]);
  });

  it('lets a person set their own title in the account menu, kept by the server', async () => {
    const page = municipal.page;
    await page.getByRole('button', { name: 'Endre tittel' }).click();
    const field = page.getByLabel('Tittelen din (skrives under signaturen din)');
    expect(await field.inputValue()).toBe('Kommunalsjef helse og omsorg');
    await field.fill('Kommunedirektør');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.getByRole('banner').getByText('Kommunedirektør', { exact: true }).waitFor();
    const session = (await (await page.request.get(`${server.url}/api/auth/session`)).json()) as {
      user: { title: string };
    };
    expect(session.user.title).toBe('Kommunedirektør');
  });
});
