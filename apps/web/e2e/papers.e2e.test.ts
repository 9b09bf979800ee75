import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAs, openProfile, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const DECLARATION = '/sak/helgeland-01-2023';

/** Share of the page's pixels that are clearly not white, measured on a screenshot in the browser. */
async function inkOf(page: Page): Promise<number> {
  const png = (await page.screenshot({ fullPage: false })).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 384) ink++;
    return ink / (pixels.length / 4);
  }, png);
}

describe('case papers: declaration signing, export and the public page', () => {
  let server: RunningServer;
  let browser: Browser;
  let hege: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    hege = await openAs(browser, 'kommune@helgeland.demo', 'Hege Nordvik', server.url + DECLARATION);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets a member of Rana kommune sign Helgelandserklæringen for Rana after reading the text, and shows who is missing', async () => {
    const panel = hege.page.getByRole('region', { name: 'Signering av erklæringen' });
    await panel.getByText('0 av 18 partnere har signert').waitFor();
    expect(await panel.getByRole('list', { name: 'Mangler signatur' }).getByRole('listitem').count()).toBe(18);
    const signButton = panel.getByRole('button', { name: 'Signer for Rana kommune' });
    await signButton.click();
    // A modal dialog says what will happen, under whose title, and shows the text to be signed.
    const dialog = hege.page.getByRole('dialog', { name: 'Signere erklæringen for Rana kommune?' });
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    expect(await dialog.textContent()).toContain('Du signerer for Rana kommune som Hege Nordvik, Kommunedirektør.');
    await dialog
      .getByRole('region', { name: 'Helgelandserklæringen 2023-2024' })
      .getByText('Sørge for gode pasientforløp for alle innbyggerne på Helgeland')
      .waitFor();
    // Escape cancels: nothing signed, and focus returns to the button.
    await hege.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await signButton.evaluate((element) => element === document.activeElement)).toBe(true);
    await panel.getByText('0 av 18 partnere har signert').waitFor();
    await signButton.click();
    await dialog.getByRole('button', { name: 'Signer', exact: true }).click();
    await panel.getByText('1 av 18 partnere har signert').waitFor();
    // The panel shows the signed text, sealed by this first signature.
    await panel.getByText('Den signerte teksten').click();
    await panel.getByText(/Teksten ble låst for endringer ved første signatur/).waitFor();
    expect(await panel.getByRole('list', { name: 'Signert av partnerne' }).textContent()).toContain(
      'Rana kommune: Kommunedirektør Hege Nordvik',
    );
    expect(await panel.getByRole('list', { name: 'Mangler signatur' }).textContent()).not.toContain('Rana kommune');
    expect(await panel.getByRole('button', { name: /^Signer for/ }).count()).toBe(0);
    expect(hege.errors).toEqual([]);
  });

  it('lets Rana withdraw its signature after confirming, keeps the record, and sign again', async () => {
    const panel = hege.page.getByRole('region', { name: 'Signering av erklæringen' });
    await panel.getByRole('button', { name: 'Trekk tilbake signaturen for Rana kommune' }).click();
    const dialog = hege.page.getByRole('dialog', { name: 'Trekke tilbake signaturen for Rana kommune?' });
    await dialog.getByText(/fjernes fra erklæringen/).waitFor();
    await dialog.getByRole('button', { name: 'Ja, trekk tilbake' }).click();
    await panel.getByText('0 av 18 partnere har signert').waitFor();
    expect(await panel.getByRole('list', { name: 'Trukne signaturer' }).textContent()).toContain(
      'Rana kommune: signert av Kommunedirektør Hege Nordvik',
    );
    await panel.getByRole('button', { name: 'Signer for Rana kommune' }).click();
    await hege.page
      .getByRole('dialog', { name: 'Signere erklæringen for Rana kommune?' })
      .getByRole('button', { name: 'Signer', exact: true })
      .click();
    await panel.getByText('1 av 18 partnere har signert').waitFor();
    expect(hege.errors).toEqual([]);
  });

  it('offers an observer no signing', async () => {
    const ida = await openAs(browser, 'observator@helgeland.demo', 'Ida Fjell', server.url + DECLARATION);
    const panel = ida.page.getByRole('region', { name: 'Signering av erklæringen' });
    await panel.getByText('1 av 18 partnere har signert').waitFor();
    expect(await panel.getByRole('button').count()).toBe(0);
    await ida.context.close();
  });

  it('exports the case to a DOCX that renders with the header block and the signatories', async () => {
    const response = await hege.page.request.get(`${server.url}/api/cases/helgeland-01-2023/export.docx`);
    expect(response.status()).toBe(200);
    const { value: html } = await mammoth.convertToHtml({ buffer: await response.body() });
    const viewer = await openProfile(browser, 'docx');
    await viewer.page.setContent(
      `<!doctype html><html lang="nb"><meta charset="utf-8"><body style="font-family: sans-serif; margin: 40px">${html}</body></html>`,
    );
    const text = await viewer.page.locator('body').innerText();
    for (const expected of [
      'Partnerskapsmøte sak 01-2023',
      'Helgelandserklæringen 2023-2024',
      'Møtedato: 04.05.2023',
      'Sørge for gode pasientforløp',
      'Signert av partnerne',
      'Kommunedirektør Rana kommune',
      'Hege Nordvik',
      'Mangler signatur',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await inkOf(viewer.page)).toBeGreaterThan(0.01);
    await viewer.context.close();
  });

  it('downloads the PDF from the case page', async () => {
    const download = hege.page.waitForEvent('download');
    await hege.page.getByRole('region', { name: 'Last ned saksfremlegget' }).getByRole('link', { name: 'PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('partnerskapsmote-sak-01-2023.pdf');
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows the public page without a login: published cases, their text and signatories, no drafts', async () => {
    const visitor = await openProfile(browser, 'publikum');
    await visitor.page.goto(`${server.url}/offentlig/helgeland`);
    await visitor.page
      .getByRole('heading', { level: 1, name: 'Offentlige saker – Helsefellesskap Helgeland' })
      .waitFor();
    expect(await visitor.page.getByRole('heading', { name: 'Logg inn' }).count()).toBe(0);
    const body = await visitor.page.locator('main').innerText();
    expect(body).toContain('Helgelandserklæringen 2023-2024');
    expect(body).toContain('Sørge for gode pasientforløp for alle innbyggerne på Helgeland');
    expect(body).toContain('Kommunedirektør Rana kommune');
    expect(await inkOf(visitor.page)).toBeGreaterThan(0.005);

    await visitor.page.goto(`${server.url}/offentlig/lvs`);
    await visitor.page.getByRole('heading', { level: 1, name: /Offentlige saker/ }).waitFor();
    const lvs = await visitor.page.locator('main').innerText();
    expect(lvs).toContain('Vestfjorderklæringen');
    // Sak 04-2022 and 07-2021 are still being worked on.
    expect(lvs).not.toContain('Samhandlingsarenaer');
    expect(lvs).not.toContain('handlingsplan for strategisk samarbeidsutvalg (SSU) for perioden');
    expect(visitor.errors).toEqual([]);
    await visitor.context.close();
  });
});
