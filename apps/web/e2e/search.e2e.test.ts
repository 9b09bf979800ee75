import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openAs, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

describe('search from the top bar', () => {
  let server: RunningServer;
  let browser: Browser;
  let kari: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    kari = await openAs(browser, 'kommune@lvs.demo', 'Kari Lind', `${server.url}/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds a phrase in a section and opens its case', async () => {
    const box = kari.page.getByRole('search').getByRole('searchbox', { name: 'Søk i saker og kommentarer' });
    await box.fill('omsorg nord');
    await box.press('Enter');
    await kari.page.getByRole('heading', { level: 1, name: 'Søk etter «omsorg nord»' }).waitFor();
    const hit = kari.page.locator('[data-kind="section"]').filter({ hasText: 'i «Kommunenes vurdering»' });
    await hit.getByText(/Kunnskapskommunen Helse og Omsorg Nord/).waitFor();
    await hit.getByRole('link', { name: /Sak 04-2022 Samhandlingsarenaer/ }).click();
    await kari.page.getByRole('heading', { level: 1, name: /Samhandlingsarenaer/ }).waitFor();
    expect(kari.errors).toEqual([]);
  });
});
