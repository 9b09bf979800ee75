import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CommentThread } from '@samraad/schema';
import { callApi } from './support/api.js';
import { openAs, selectWords, type Writer } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = '[data-section-id="kommunenes-vurdering"]';
const WORDS = 'Kunnskapskommunen Helse og Omsorg Nord';

const margin = (page: Page) => page.locator(SECTION).getByRole('complementary');
const bell = (page: Page) => page.getByTestId('notification-bell');

describe('a mention reaches the bell of the person mentioned', () => {
  const running = serverAndBrowser();
  let hospital: Writer;
  let municipal: Writer;

  it('suggests people of the community after "@", filtered as one types, picked by keyboard', async () => {
    [hospital, municipal] = await Promise.all([
      openAs(running.browser, 'sykehus@lvs.demo', 'Nils Berg', running.server.url + CASE_PATH),
      openAs(running.browser, 'kommune@lvs.demo', 'Kari Lind', running.server.url + CASE_PATH),
    ]);
    for (const writer of [hospital, municipal]) {
      await writer.page.locator(`${SECTION} .ProseMirror`).filter({ hasText: WORDS }).waitFor();
    }
    expect(await bell(municipal.page).getAttribute('aria-label')).toBe('Varsler');

    const page = hospital.page;
    await selectWords(page, SECTION, WORDS);
    await margin(page).getByRole('button', { name: 'Kommenter markert tekst' }).click();
    const text = margin(page).getByRole('textbox', { name: 'Skriv en kommentar' });
    await text.focus();
    await page.keyboard.type('Kan du se på dette @');
    const suggestions = margin(page).getByRole('listbox', { name: 'Personer du kan nevne' });
    await suggestions.waitFor();
    // Everyone in the community, with their organisation.
    await suggestions.getByRole('option', { name: /Jonas Eide.*Vågan kommune/ }).waitFor();
    await page.keyboard.type('ka');
    await expect.poll(() => suggestions.getByRole('option').allTextContents()).toEqual(['Kari LindBodø kommune']);
    expect(await suggestions.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await suggestions.waitFor({ state: 'detached' });
    expect(await text.inputValue()).toBe('Kan du se på dette @Kari Lind ');
    // Arrow keys move through the list; Escape closes it and leaves the text alone.
    await page.keyboard.type('og @');
    await suggestions.waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await suggestions.getByRole('option').nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    await suggestions.waitFor({ state: 'detached' });
    for (let i = 0; i < 'og @'.length; i++) await page.keyboard.press('Backspace');
    expect(await text.inputValue()).toBe('Kan du se på dette @Kari Lind ');
    await margin(page).getByRole('button', { name: 'Send' }).click();
    await margin(municipal.page).getByText('Kan du se på dette @Kari Lind').waitFor();
  });

  it('shows the mention live in the bell, and keeps it after the thread is resolved', async () => {
    const page = municipal.page;
    // Live: Kari has not reloaded since the comment was sent.
    await expect.poll(() => bell(page).getAttribute('aria-label'), { timeout: 10_000 }).toBe('Varsler, 1 uleste');

    const threads = await callApi<CommentThread[]>(page, 'GET', '/api/cases/lvs-04-2022/threads');
    const thread = threads.body.find((t) => t.comments[0]!.body.startsWith('Kan du se på dette'))!;
    expect((await callApi(page, 'PUT', `/api/threads/${thread.id}/status`, { status: 'resolved' })).status).toBe(200);

    // By keyboard: focus the bell, open it, follow the notice.
    await bell(page).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Varsler' });
    const notice = panel.getByRole('link', { name: /Nils Berg nevnte deg/ });
    await notice.waitFor();
    await notice.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).search).toBe(`?del=kommunenes-vurdering&trad=${thread.id}`);
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Varsler');

    // Still there after a reload: a resolved thread's mention is not withdrawn.
    await page.reload();
    await bell(page).click();
    await page
      .getByRole('region', { name: 'Varsler' })
      .getByRole('link', { name: /Nils Berg nevnte deg/ })
      .waitFor();
    expect(hospital.errors.concat(municipal.errors)).toEqual([]);
  });
});

describe('notification settings and the development mailbox', () => {
  const running = serverAndBrowser();

  it('lets a person choose mail per kind, and shows administrators the mail that was not sent', async () => {
    const kari = await openAs(running.browser, 'kommune@lvs.demo', 'Kari Lind', running.server.url + '/');
    const nils = await openAs(running.browser, 'sykehus@lvs.demo', 'Nils Berg', running.server.url + '/');
    const kariId = (await callApi<{ user: { id: string } }>(kari.page, 'GET', '/api/auth/session')).body.user.id;
    const created = await callApi(nils.page, 'POST', '/api/cases/lvs-04-2022/threads', {
      sectionId: 'bakgrunn',
      anchor: { start: 'AAECAw==', end: 'BAUGBw==' },
      quote: 'x',
      body: 'Kari, se her',
      mentions: [kariId],
    });
    expect(created.status).toBe(201);

    // From the bell to the settings page, by keyboard.
    await bell(kari.page).focus();
    await kari.page.keyboard.press('Enter');
    await kari.page.getByRole('link', { name: 'Innstillinger for varsler' }).focus();
    await kari.page.keyboard.press('Enter');
    await kari.page.getByRole('heading', { name: 'Varsler', level: 1 }).waitFor();
    const replies = kari.page.getByRole('combobox', { name: 'Svar i en tråd du deltar i' });
    expect(await replies.inputValue()).toBe('digest');
    await replies.selectOption('off');
    await kari.page.getByRole('button', { name: 'Lagre' }).click();
    await kari.page.getByRole('status').getByText('Lagret.').waitFor();
    await kari.page.reload();
    expect(await kari.page.getByRole('combobox', { name: 'Svar i en tråd du deltar i' }).inputValue()).toBe('off');
    // Not an administrator: no mailbox.
    expect(await kari.page.getByRole('heading', { name: /Utgående e-post/ }).count()).toBe(0);

    const admin = await openAs(running.browser, 'admin@samraad.demo', 'Admin', running.server.url + '/varsler');
    const mail = admin.page.getByRole('article', { name: /Nils Berg nevnte deg/ });
    await mail.waitFor();
    expect(await mail.textContent()).toContain('kommune@lvs.demo');
    expect(await mail.textContent()).toContain('/sak/lvs-04-2022?del=bakgrunn&trad=');
  });
});
