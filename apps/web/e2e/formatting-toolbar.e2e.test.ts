import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { moveCaret, openAs, openProfile, type Writer } from './support/browser.js';
import { recordWrites } from './support/documentWrites.js';
import { serverAndBrowser } from './support/suite.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = '[data-section-id="kommunenes-vurdering"]';
const TOOLBAR = 'Formatering: Kommunenes vurdering';

/** The toolbar button that has the keyboard focus, by its action. */
const focusedAction = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['action'] ?? null);

/** Moves through the toolbar with the arrow keys until `action` has the focus, as a keyboard user would. */
async function arrowTo(page: Page, action: string): Promise<void> {
  for (let step = 0; step < 30; step++) {
    if ((await focusedAction(page)) === action) return;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no toolbar button «${action}»`);
}

/** Leaves the text for the toolbar (Alt+F10), moves to `action` and presses it with Enter. */
async function press(page: Page, action: string): Promise<void> {
  await page.keyboard.press('Alt+F10');
  await arrowTo(page, action);
  await page.keyboard.press('Enter');
}

describe('the formatting toolbar, used with the keyboard only', () => {
  const suite = serverAndBrowser();
  let kari: Writer;

  it('is one Tab stop whose buttons the arrow keys, Home and End move between', async () => {
    kari = await openAs(suite.browser, 'kommune@lvs.demo', 'Kari Lind', suite.server.url + CASE_PATH);
    const toolbar = kari.page.getByRole('toolbar', { name: TOOLBAR });
    await toolbar.waitFor();
    const editor = kari.page.locator(`${SECTION} .ProseMirror`);
    await editor.filter({ hasText: 'Kommunene i helsefelleskapet' }).waitFor();
    await editor.click();
    await moveCaret(kari.page, 'Control+End');
    // Shift+Tab from the text lands on the toolbar's one stop, its first button.
    await kari.page.keyboard.press('Shift+Tab');
    expect(await focusedAction(kari.page)).toBe('paragraph');
    expect(await toolbar.locator('[tabindex="0"]').count()).toBe(1);
    await kari.page.keyboard.press('End');
    expect(await focusedAction(kari.page)).toBe('redo');
    await kari.page.keyboard.press('ArrowRight');
    expect(await focusedAction(kari.page)).toBe('paragraph');
    await kari.page.keyboard.press('ArrowLeft');
    expect(await focusedAction(kari.page)).toBe('redo');
    await kari.page.keyboard.press('Home');
    expect(await focusedAction(kari.page)).toBe('paragraph');
    // Shortcuts are told in the tooltip and to assistive technology.
    const bold = toolbar.getByRole('button', { name: 'Fet' });
    expect(await bold.getAttribute('title')).toBe('Fet (Ctrl+B)');
    expect(await bold.getAttribute('aria-keyshortcuts')).toBe('Control+B');
    // Outside a table the table tools say why they do nothing.
    expect(await toolbar.getByRole('button', { name: 'Legg til rad' }).getAttribute('title')).toBe(
      'Legg til rad (bare i en tabell)',
    );
  });

  it('makes a heading and bold text, and shows their state with aria-pressed', async () => {
    const { page } = kari;
    const toolbar = page.getByRole('toolbar', { name: TOOLBAR });
    const editor = page.locator(`${SECTION} .ProseMirror`);
    await editor.click();
    await moveCaret(page, 'Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tall per kommune');
    await press(page, 'heading-2');
    await editor.locator('h2', { hasText: 'Tall per kommune' }).waitFor();
    expect(await toolbar.getByRole('button', { name: 'Overskrift 2' }).getAttribute('aria-pressed')).toBe('true');
    expect(await toolbar.getByRole('button', { name: 'Brødtekst' }).getAttribute('aria-pressed')).toBe('false');

    // The focus went back to the text: typing goes on where it stopped.
    await page.keyboard.press('Enter');
    await press(page, 'bold');
    await page.keyboard.type('Viktig:');
    await editor.locator('strong', { hasText: 'Viktig:' }).waitFor();
    expect(await toolbar.getByRole('button', { name: 'Fet' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+b');
    await page.keyboard.type(' tallene under.');
    expect(await toolbar.getByRole('button', { name: 'Fet' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('inserts a table, fills it, adds a row and undoes that, and another reader sees a real table', async () => {
    const { page } = kari;
    const toolbar = page.getByRole('toolbar', { name: TOOLBAR });
    const editor = page.locator(`${SECTION} .ProseMirror`);
    await page.keyboard.press('Enter');
    await press(page, 'table');
    await editor.locator('table').waitFor();
    // The caret is in the first header cell; Tab moves from cell to cell.
    for (const [index, text] of ['Kommune', 'Antall', 'Bodø', '12', 'Vågan', '7'].entries()) {
      if (index > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    expect(await editor.locator('table tr').count()).toBe(3);
    expect(await editor.locator('table th').allTextContents()).toEqual(['Kommune', 'Antall']);
    expect(await toolbar.getByRole('button', { name: 'Overskriftsrad' }).getAttribute('aria-pressed')).toBe('true');

    const rows = (count: number) =>
      page.waitForFunction(([selector, expected]) => document.querySelectorAll(selector).length === expected, [
        `${SECTION} table tr`,
        count,
      ] as const);
    await press(page, 'addRow');
    await rows(4);
    // Tab goes on into the new, empty row; out with it again.
    await page.keyboard.press('Tab');
    await press(page, 'removeRow');
    await rows(3);
    await press(page, 'addRow');
    await rows(4);
    // Undo is this writer's own (Yjs) history, one step per toolbar action: it takes back the
    // row, not the figures typed before it.
    await press(page, 'undo');
    await rows(3);
    expect(await editor.locator('table td', { hasText: 'Vågan' }).count()).toBe(1);
    await press(page, 'redo');
    await rows(4);
    await press(page, 'undo');
    await rows(3);
    await press(page, 'addColumn');
    expect(await editor.locator('table tr').first().locator('th').count()).toBe(3);
    await press(page, 'undo');
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 2, `${SECTION} table th`);
    expect(await editor.locator('table td').allTextContents()).toEqual(['Bodø', '12', 'Vågan', '7']);

    // The hospital side reads the municipal text: the table arrives as a table, with no
    // toolbar on a section they may not write, and the reason stands above the text.
    const nils = await openAs(suite.browser, 'sykehus@lvs.demo', 'Nils Berg', suite.server.url + CASE_PATH);
    const writes = recordWrites(nils.page);
    const reader = nils.page.locator(`${SECTION} .ProseMirror`);
    await reader.locator('table td', { hasText: 'Vågan' }).waitFor();
    expect(await reader.locator('table th').allTextContents()).toEqual(['Kommune', 'Antall']);
    expect(await reader.locator('h2', { hasText: 'Tall per kommune' }).count()).toBe(1);
    expect(await nils.page.getByRole('toolbar', { name: TOOLBAR }).count()).toBe(0);
    expect(await nils.page.locator(`${SECTION} [data-read-only-reason]`).count()).toBe(1);
    // Their own section has one.
    await nils.page.getByRole('toolbar', { name: /Formatering: .*HF.* vurdering/ }).waitFor();

    // A second municipal writer opens the text with the table: their editor writes nothing.
    const jonas = await openAs(suite.browser, 'kommune2@lvs.demo', 'Jonas Eide', suite.server.url + CASE_PATH);
    const jonasWrites = recordWrites(jonas.page);
    await jonas.page.reload();
    await jonas.page.locator(`${SECTION} .ProseMirror table td`, { hasText: 'Vågan' }).waitFor();
    await jonas.page.waitForTimeout(300);
    await Promise.all([nils.page.goto(`${suite.server.url}/`), jonas.page.goto(`${suite.server.url}/`)]);
    expect(writes).toEqual([]);
    expect(jonasWrites).toEqual([]);
    expect([...kari.errors, ...nils.errors, ...jonas.errors]).toEqual([]);
  });

  it('exports the heading, the bold text and the table into DOCX (a real Word table) and PDF', async () => {
    const docx = await kari.page.request.get(
      `${suite.server.url}${CASE_PATH.replace('/sak/', '/api/cases/')}/export.docx`,
    );
    expect(docx.status()).toBe(200);
    const { value: html } = await mammoth.convertToHtml({ buffer: await docx.body() });
    const viewer = await openProfile(suite.browser, 'docx');
    await viewer.page.setContent(`<!doctype html><html lang="nb"><meta charset="utf-8"><body>${html}</body></html>`);
    const table = viewer.page.locator('table').filter({ hasText: 'Vågan' });
    expect(await table.locator('tr').count()).toBe(3);
    expect(await table.locator('tr').first().locator('th').allInnerTexts()).toEqual(['Kommune', 'Antall']);
    expect(await table.locator('tr').nth(2).locator('td').allInnerTexts()).toEqual(['Vågan', '7']);
    // «Overskrift 2» in a section sits two levels under the section title (Heading 3).
    expect(await viewer.page.locator('h5', { hasText: 'Tall per kommune' }).count()).toBe(1);
    expect(await viewer.page.locator('strong', { hasText: 'Viktig:' }).count()).toBe(1);
    await viewer.context.close();

    const pdf = await kari.page.request.get(
      `${suite.server.url}${CASE_PATH.replace('/sak/', '/api/cases/')}/export.pdf`,
    );
    expect(pdf.status()).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samraad-pdf-')), 'sak.pdf');
    fs.writeFileSync(file, await pdf.body());
    // Laid out as a table: each row's cells side by side on one line.
    const lines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n');
    expect(lines.some((line) => /Kommune\s+Antall/.test(line))).toBe(true);
    expect(lines.some((line) => /Bodø\s+12/.test(line))).toBe(true);
    expect(lines.some((line) => /Vågan\s+7/.test(line))).toBe(true);
    expect(lines.some((line) => line.includes('Tall per kommune'))).toBe(true);
  });
});
