import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi } from './support/api.js';
import { moveCaret, openAs, type Writer } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';

/**
 * What Word (Windows, as Chromium hands it to a page: Office namespaces, a style block,
 * MsoNormal paragraphs, list paragraphs with typed numbers in mso-list:Ignore spans, <o:p>,
 * a MsoTableGrid table) and LibreOffice Writer (font tags, inline styles, <col> widths) put on
 * the clipboard for a copied stretch of a case paper.
 */
const fixture = (name: string) =>
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');
const WORD = fixture('word-clipboard.html');
/** The demo's sak 04-2022, whose municipal assessment the municipalities write. */
const DEMO_CASE = '/sak/lvs-04-2022';
const LIBREOFFICE = fixture('libreoffice-clipboard.html');

/** A real paste event with the clipboard's text/html, sent to the section's editor as the browser would. */
async function paste(page: Page, section: string, html: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: section, exact: true });
  await editor.click();
  await editor.evaluate((element, clipboardHtml) => {
    const data = new DataTransfer();
    data.setData('text/html', clipboardHtml);
    data.setData('text/plain', new DOMParser().parseFromString(clipboardHtml, 'text/html').body.innerText);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

/** The editor's document as its structure: which elements, and that no look came along. */
async function shapeOf(editor: Locator) {
  return editor.evaluate((root) => ({
    headings: [...root.querySelectorAll('h1, h2, h3')].map((h) => `${h.localName} ${h.textContent}`),
    ordered: [...root.querySelectorAll(':scope > ol > li > p')].map((p) => p.textContent),
    nested: [...root.querySelectorAll('ol li ul li, ol li ol li')].map((li) => li.textContent),
    bullets: [...root.querySelectorAll(':scope > ul > li')].map((li) => li.textContent),
    rows: [...root.querySelectorAll('table tr')].map((tr) => [...tr.children].map((cell) => cell.textContent)),
    bold: [...root.querySelectorAll('strong')].map((b) => b.textContent),
    italic: [...root.querySelectorAll('em')].map((i) => i.textContent),
    links: [...root.querySelectorAll('a')].map((a) => `${a.textContent} → ${a.getAttribute('href')}`),
    // Looks that must not survive: fonts, Office classes, inline styles, empty spans, typed list
    // numbers. The editor's own drawing is not pasted: another writer's caret (a styled span) and
    // its table view's minimum widths (on <table> and <col>, set through the CSSOM).
    styled: [...root.querySelectorAll('[style], [class^="Mso"], font, span')]
      .filter((element) => !element.closest('.collaboration-carets__caret, colgroup'))
      .filter(
        (element) => !(element.localName === 'table' && /^min-width: \d+px;$/.test(element.getAttribute('style')!)),
      )
      .map((element) => element.outerHTML.slice(0, 80)),
    typedNumbers: /(^|\n)\s*[0-9]\.\s/.test((root as HTMLElement).innerText),
    emptyParagraphs: [...root.querySelectorAll(':scope > p')].filter((p) => !p.textContent?.trim()).length,
  }));
}

describe('pasting from Word and LibreOffice into a section', () => {
  const suite = serverAndBrowser();
  let sara: Writer;
  let casePath: string;

  const wordShape = {
    headings: ['h1 Samhandlingsarenaer', 'h2 Prioriterte grupper'],
    ordered: ['Barn og unge', 'Personer med alvorlige psykiske lidelser', 'Skrøpelige eldre'],
    nested: ['og rusproblemer'],
    bullets: [],
    rows: [
      ['Region', 'Plasser i SSU'],
      ['Salten', '3'],
    ],
    bold: ['strategisk samarbeidsutvalg', 'Region', 'Plasser i SSU'],
    italic: ['hensiktsmessige'],
    links: ['helsefellesskapets side → https://helse-nord.no/helsefellesskap'],
    styled: [],
    typedNumbers: false,
    emptyParagraphs: 0,
  };
  const libreOfficeShape = {
    headings: ['h1 Bakgrunn'],
    ordered: ['Salten', 'Lofoten'],
    nested: [],
    bullets: ['Vesterålen'],
    rows: [
      ['Region', 'Plasser'],
      ['Lofoten', '2'],
    ],
    bold: ['Nordlandssykehuset HF', 'Region', 'Plasser'],
    italic: ['arenaer'],
    links: ['avtalen → https://example.org/lvs'],
    styled: [],
    typedNumbers: false,
    emptyParagraphs: 0,
  };

  it('keeps headings, real lists, bold, italic, links and a 2×2 table, and drops Word’s and LibreOffice’s looks', async () => {
    sara = await openAs(suite.browser, 'sekretariat@lvs.demo', 'Sara Moe', `${suite.server.url}/c/lvs`);
    const created = await callApi<{ id: string }>(sara.page, 'POST', '/api/communities/lvs/cases', {
      body: 'SSU',
      title: 'Limt inn fra Word',
      kind: 'drøftingssak',
      sections: [
        { kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared' },
        { kind: 'innledning', title: 'Innledning', owner: 'shared' },
      ],
    });
    expect(created.status).toBe(201);
    casePath = `/sak/${created.body.id}`;
    await sara.page.goto(`${suite.server.url}${casePath}`);
    await sara.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).first().waitFor();

    await paste(sara.page, 'Bakgrunn', WORD);
    const bakgrunn = sara.page.getByRole('textbox', { name: 'Bakgrunn', exact: true });
    await bakgrunn.locator('table tr').nth(1).waitFor();
    expect(await shapeOf(bakgrunn)).toEqual(wordShape);
    expect(await bakgrunn.innerText()).toContain('Kommunene vurderer at RKK er en aktuell aktør.');

    await paste(sara.page, 'Innledning', LIBREOFFICE);
    const innledning = sara.page.getByRole('textbox', { name: 'Innledning', exact: true });
    await innledning.locator('table tr').nth(1).waitFor();
    expect(await shapeOf(innledning)).toEqual(libreOfficeShape);
  });

  it('is what the server stored: the same for another person opening the case after the writer left', async () => {
    await sara.context.close();
    const reader = await openAs(suite.browser, 'kommune@lvs.demo', 'Kari Lind', `${suite.server.url}${casePath}`);
    const bakgrunn = reader.page.getByRole('textbox', { name: 'Bakgrunn', exact: true });
    // The last of the paste to be drawn; the stored text arrives over the socket.
    await bakgrunn.getByText('Kommunene vurderer at RKK').waitFor({ timeout: 15_000 });
    expect(await shapeOf(bakgrunn)).toEqual(wordShape);
    const innledning = reader.page.getByRole('textbox', { name: 'Innledning', exact: true });
    await innledning.locator('table tr').nth(1).waitFor({ timeout: 15_000 });
    expect(await shapeOf(innledning)).toEqual(libreOfficeShape);
  });

  it('lets a municipal officer paste Word’s table into Kommunenes vurdering, and the PDF export lays it out as a table', async () => {
    const kari = await openAs(suite.browser, 'kommune@lvs.demo', 'Kari Lind', `${suite.server.url}${DEMO_CASE}`);
    const section = kari.page.getByRole('textbox', { name: 'Kommunenes vurdering', exact: true });
    await section.filter({ hasText: 'Kommunene i helsefelleskapet' }).waitFor();
    await moveCaret(kari.page, 'Control+End');
    await paste(kari.page, 'Kommunenes vurdering', WORD);
    await section.locator('table tr').nth(1).waitFor();
    expect(await section.locator('table tr').count()).toBe(2);
    // Stored: the next reader's copy comes from the server, not from Kari's tab.
    await kari.context.close();
    const reader = await openAs(suite.browser, 'sykehus@lvs.demo', 'Nils Berg', `${suite.server.url}${DEMO_CASE}`);
    const stored = reader.page.getByRole('textbox', { name: 'Kommunenes vurdering', exact: true });
    await stored.locator('table td', { hasText: 'Salten' }).waitFor({ timeout: 15_000 });

    const pdf = await reader.page.request.get(
      `${suite.server.url}${DEMO_CASE.replace('/sak/', '/api/cases/')}/export.pdf`,
    );
    expect(pdf.status()).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samraad-pdf-')), 'sak.pdf');
    fs.writeFileSync(file, await pdf.body());
    // A table, not run-together text («RegionPlasser i SSU»): each row's cells side by side on one line.
    const lines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\n');
    expect(lines.some((line) => /Region\s{2,}Plasser i SSU/.test(line))).toBe(true);
    expect(lines.some((line) => /Salten\s{2,}3/.test(line))).toBe(true);
  });
});
