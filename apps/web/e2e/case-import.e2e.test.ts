import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './support/axe.js';
import { openAs } from './support/browser.js';
import { recordWrites } from './support/documentWrites.js';
import { serverAndBrowser } from './support/suite.js';

/**
 * Sak 04-2022 of the seeds as a secretariat writes it in Word (headings «Innstilling til
 * konsensus:» …, one numbered list, one table, a free «Økonomi:» section). Made with the docx
 * package by the server's test support (seed-paper-docx.ts), which its import test reads too.
 */
const PAPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/samhandlingsarenaer.docx');

const SECTIONS = [
  'Innstilling til konsensus',
  'Bakgrunn',
  'Kommunenes vurdering',
  'Nordlandssykehuset HFs vurdering',
  'Økonomi',
];

/** Waits until every section of the open case has its text from the server. */
async function allSynced(page: Page): Promise<void> {
  const sections = page.locator('[data-section-id]');
  await sections.first().waitFor();
  const count = await sections.count();
  await page.waitForFunction(
    (expected) => document.querySelectorAll('[data-section-id] [aria-busy="false"]').length >= expected,
    count,
    { timeout: 15_000 },
  );
}

describe('the secretariat imports a case paper from Word', () => {
  const suite = serverAndBrowser();

  it('chooses the file, reviews the header and sections, corrects a field and creates the case', async () => {
    const sara = await openAs(suite.browser, 'sekretariat@lvs.demo', 'Sara Moe', `${suite.server.url}/c/lvs`);
    const page = sara.page;
    await page.getByRole('button', { name: 'Importer fra Word' }).click();
    const chooser = page.getByRole('region', { name: 'Importer en sak fra Word' });
    // A file that is not a Word document is refused with words, and the person can pick another.
    await chooser.getByLabel('Word-dokument (.docx)').setInputFiles({
      name: 'notat.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('ikke et Word-dokument'),
    });
    await chooser.getByRole('button', { name: 'Les inn dokumentet' }).click();
    await chooser.getByText('filen kan ikke leses som et Word-dokument (.docx)').waitFor();
    await chooser.getByLabel('Word-dokument (.docx)').setInputFiles(PAPER);
    await chooser.getByRole('button', { name: 'Les inn dokumentet' }).click();

    const review = page.getByRole('region', { name: 'Se over saken før den opprettes' });
    await review.waitFor();
    expect(await review.getByLabel('Tittel', { exact: true }).inputValue()).toBe(
      'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
    );
    expect(await review.getByLabel('Saksbehandlere', { exact: true }).inputValue()).toBe(
      'Trude Kristin Kristensen\nKnut Erik Dahlmo\nStian Molvik',
    );
    expect(await review.getByLabel('Møtedato', { exact: true }).inputValue()).toBe('2022-10-25');
    expect(await review.getByLabel('Dato dok', { exact: true }).inputValue()).toBe('2022-10-04');
    expect(await review.getByLabel('Saksnummer', { exact: true }).inputValue()).toBe('04-2022');
    expect(await review.getByLabel('Vår ref', { exact: true }).inputValue()).toBe('2022/2936');

    const found = review.getByRole('list', { name: 'Deler fra dokumentet' });
    expect(await found.getByRole('heading', { level: 4 }).allInnerTexts()).toEqual(SECTIONS);
    expect(await found.locator(':scope > li > p').allInnerTexts()).toEqual([
      'Innstilling til konsensus · Felles tekst',
      'Bakgrunn · Felles tekst',
      'Vurdering · Skrives av kommunene',
      'Vurdering · Skrives av Nordlandssykehuset HF',
      'Annet · Felles tekst',
    ]);
    // The preview shows the text as it will stand: the list and the table of the paper.
    expect(await found.locator('ol li').filter({ hasText: 'Skrøpelige eldre' }).count()).toBe(1);
    expect(await found.locator('table tr').count()).toBe(3);
    const violations = await seriousAccessibilityViolations(page);
    if (violations.length > 0) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);

    // The demo already has sak 04-2022 and its reference: the reviewer leaves both to Samråd.
    await review.getByLabel('Saksnummer', { exact: true }).fill('');
    await review.getByLabel('Vår ref', { exact: true }).fill('');
    await review.getByLabel('Tittel', { exact: true }).fill('Samhandlingsarenaer (importert)');
    await review.getByRole('button', { name: 'Opprett sak' }).click();
    await page.waitForURL(/\/sak\/[a-z0-9-]+$/);

    await page.getByRole('heading', { level: 1, name: 'Samhandlingsarenaer (importert)' }).waitFor();
    expect(await page.locator('[data-section-id] > header > h2').allInnerTexts()).toEqual(SECTIONS);
    await allSynced(page);
    const bakgrunn = page.getByRole('textbox', { name: 'Bakgrunn', exact: true });
    expect(await bakgrunn.locator('ol > li').allInnerTexts()).toEqual([
      'Barn og unge',
      'Personer med alvorlige psykiske lidelser og rusproblemer',
      'Skrøpelige eldre',
    ]);
    const hf = page.getByRole('textbox', { name: 'Nordlandssykehuset HFs vurdering', exact: true });
    expect(await hf.locator('table tr').count()).toBe(3);
    expect(await hf.locator('table tr').nth(1).innerText()).toMatch(/Salten\s+3/);
    const innstilling = page.getByRole('textbox', { name: 'Innstilling til konsensus', exact: true });
    expect(await innstilling.locator('strong').innerText()).toBe('samhandlingsarenaer');
  });

  it('opens, for the secretariat and a municipal member, without the editor changing the imported text', async () => {
    const sara = await openAs(suite.browser, 'sekretariat@lvs.demo', 'Sara Moe', `${suite.server.url}/c/lvs`);
    const imported = sara.page.getByRole('link', { name: 'Samhandlingsarenaer (importert)' });
    const href = await imported.getAttribute('href');
    for (const [email, name] of [
      ['sekretariat@lvs.demo', 'Sara Moe'],
      ['kommune@lvs.demo', 'Kari Lind'],
    ] as const) {
      const person = await openAs(suite.browser, email, name, `${suite.server.url}/`);
      const writes = recordWrites(person.page);
      await person.page.goto(`${suite.server.url}${href}`);
      await allSynced(person.page);
      await person.page.waitForTimeout(300);
      expect(writes, `${name} opening the imported case`).toEqual([]);
    }
    const caseId = href!.split('/').at(-1)!;
    const activity = await sara.page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      return (await response.json()) as unknown[];
    }, `/api/cases/${caseId}/activity`);
    expect(activity).toEqual([]);
  });
});
