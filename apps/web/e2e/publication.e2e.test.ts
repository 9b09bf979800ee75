import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, moveCaret, openAs, openProfile, type Writer } from './support/browser.js';
import { callApi } from './support/api.js';
import { startServer, type RunningServer } from './support/server.js';

const CASE = 'lvs-04-2022';
const CASE_PATH = `/sak/${CASE}`;
const FIRST_BACKGROUND = 'Før etablering av helsefelleskapet hadde Nordlandssykehuset HF et antall arenaer';
const CORRECTION = ' Rettelse: SSU rapporterer årlig.';

const editor = (page: Page, sectionId: string) => page.locator(`[data-section-id="${sectionId}"] .ProseMirror`);
const section = (page: Page, sectionId: string) => page.locator(`[data-section-id="${sectionId}"]`);
const readOnly = (page: Page, sectionId: string) =>
  editor(page, sectionId).and(page.locator('[contenteditable="false"]'));
const publicationPanel = (page: Page) => page.getByRole('region', { name: 'Publisering' });

describe('publishing sak 04-2022 freezes it, and a correction is asked for and confirmed', () => {
  let server: RunningServer;
  let browser: Browser;
  let secretariat: Writer;
  let municipal: Writer;
  let hospital: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    [secretariat, municipal, hospital] = await Promise.all([
      openAs(browser, 'sekretariat@lvs.demo', 'Sara Moe', server.url + CASE_PATH),
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
    ]);
    for (const writer of [secretariat, municipal, hospital])
      await editor(writer.page, 'bakgrunn').filter({ hasText: FIRST_BACKGROUND }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('publishes after both sides approve, and every editor turns read-only with the reason, live', async () => {
    // Approval and publication go through the API here: their buttons and confirmation
    // dialogs are the consensus panel's, tested in consensus.e2e.test.ts.
    expect(
      (await callApi(secretariat.page, 'PUT', `/api/cases/${CASE}/status`, { status: 'til_beslutning' })).status,
    ).toBe(200);
    const { currentHash } = (
      await callApi<{ currentHash: string }>(municipal.page, 'GET', `/api/cases/${CASE}/consensus`)
    ).body;
    expect(
      (await callApi(municipal.page, 'POST', `/api/cases/${CASE}/consensus/approvals`, { contentHash: currentHash }))
        .status,
    ).toBe(201);
    expect(
      (await callApi(hospital.page, 'POST', `/api/cases/${CASE}/consensus/approvals`, { contentHash: currentHash }))
        .status,
    ).toBe(201);
    // The background is shared text: consensus does not lock it, publication freezes it.
    expect(await section(municipal.page, 'bakgrunn').getAttribute('data-writable')).toBe('true');
    expect((await callApi(secretariat.page, 'PUT', `/api/cases/${CASE}/status`, { status: 'publisert' })).status).toBe(
      200,
    );

    for (const writer of [secretariat, municipal, hospital]) {
      for (const id of ['bakgrunn', 'innledning', 'kommunenes-vurdering', 'nlsh-vurdering', 'innstilling']) {
        await section(writer.page, id)
          .locator('[data-read-only-reason]')
          .filter({ hasText: 'Saken er publisert, og teksten er frosset' })
          .waitFor();
        await readOnly(writer.page, id).waitFor();
      }
      await publicationPanel(writer.page)
        .getByText(/Publisert .* av Sara Moe\. Teksten er frosset/)
        .waitFor();
    }
    // The secretariat's header and section tools are gone with the freeze.
    expect(await secretariat.page.getByRole('button', { name: 'Rediger saksopplysninger' }).count()).toBe(0);
  });

  it('lets nobody type into the frozen text', async () => {
    const before = await editor(municipal.page, 'bakgrunn').innerText();
    await editor(municipal.page, 'bakgrunn').click();
    await moveCaret(municipal.page, 'Control+End');
    await municipal.page.keyboard.type(' Skrevet etter publisering.');
    expect(await editor(municipal.page, 'bakgrunn').innerText()).toBe(before);
  });

  it('shows the frozen text on the public page', async () => {
    const visitor = await openProfile(browser, 'publikum');
    await visitor.page.goto(`${server.url}/offentlig/lvs`);
    const paper = visitor.page.getByRole('article', {
      name: 'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
    });
    await paper.waitFor();
    const text = await paper.innerText();
    expect(text).toContain(FIRST_BACKGROUND);
    expect(text).toMatch(/Publisert \d\d\.\d\d\.\d{4}/);
    expect(text).not.toContain('Rettet');
    await visitor.context.close();
  });

  it('asks for a correction on one side and confirms it on the other, which opens the text', async () => {
    expect(await publicationPanel(secretariat.page).getByRole('button', { name: 'Be om rettelse' }).count()).toBe(0);
    const asking = publicationPanel(municipal.page);
    await asking.getByLabel('Hva skal rettes, og hvorfor?').fill('Bakgrunnen mangler at SSU rapporterer årlig.');
    await asking.getByRole('button', { name: 'Be om rettelse' }).click();
    await asking.getByText('Venter på at den andre siden bekrefter rettelsen.').waitFor();
    expect(await asking.getByRole('button', { name: 'Bekreft rettelse' }).count()).toBe(0);
    // Still frozen while only one side has spoken.
    await readOnly(municipal.page, 'bakgrunn').waitFor();

    const confirming = publicationPanel(hospital.page);
    await confirming.getByText(/Kari Lind \(Kommunene\) ber om å rette den publiserte teksten/).waitFor();
    await confirming.getByRole('button', { name: 'Bekreft rettelse' }).click();
    for (const writer of [municipal, hospital, secretariat]) {
      await publicationPanel(writer.page)
        .getByText(/Rettelse bekreftet av Nils Berg/)
        .waitFor();
    }
    await editor(municipal.page, 'bakgrunn').and(municipal.page.locator('[contenteditable="true"]')).waitFor();
    await editor(municipal.page, 'bakgrunn').click();
    await moveCaret(municipal.page, 'Control+End');
    await municipal.page.keyboard.type(CORRECTION);
    await editor(secretariat.page, 'bakgrunn').filter({ hasText: CORRECTION.trim() }).waitFor();
  });

  it('publishes the corrected version, freezes it again, and the public page says it was corrected', async () => {
    await publicationPanel(secretariat.page).getByRole('button', { name: 'Publiser rettet versjon' }).click();
    for (const writer of [municipal, hospital]) {
      await publicationPanel(writer.page)
        .getByText(/Rettet versjon publisert .* av Sara Moe/)
        .waitFor();
      await readOnly(writer.page, 'bakgrunn').waitFor();
    }
    const visitor = await openProfile(browser, 'publikum');
    await visitor.page.goto(`${server.url}/offentlig/lvs`);
    const paper = visitor.page.getByRole('article', {
      name: 'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
    });
    await paper.waitFor();
    const text = await paper.innerText();
    expect(text).toContain(CORRECTION.trim());
    expect(text).toMatch(/Rettet \d\d\.\d\d\.\d{4}/);
    expect([...secretariat.errors, ...municipal.errors, ...hospital.errors, ...visitor.errors]).toEqual([]);
    await visitor.context.close();
  });
});
