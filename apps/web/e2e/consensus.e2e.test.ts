import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logIn, moveCaret, openAs, openProfile, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { sendPresenceMarker, watchSectionSockets, type SocketCounts } from './support/sockets.js';

const CASE_PATH = '/sak/lvs-04-2022';
const HOSPITAL_WORDS = ' og med felles ledelse';

const panel = (page: Page) => page.getByRole('region', { name: 'Konsensus', exact: true });
const editor = (page: Page, sectionId: string) => page.locator(`[data-section-id="${sectionId}"] .ProseMirror`);
const sideRow = (page: Page, side: 'kommune' | 'helseforetak') => panel(page).locator(`[data-side="${side}"]`);

/** Approves for the page's side: the button asks first, in a modal dialog, and this confirms. */
async function approveFor(page: Page, side: string): Promise<void> {
  await panel(page)
    .getByRole('button', { name: `Godkjenn innstillingen for ${side}` })
    .click();
  await page
    .getByRole('dialog', { name: `Godkjenne innstillingen for ${side}?` })
    .getByRole('button', { name: 'Godkjenn', exact: true })
    .click();
}

describe('sak 04-2022 from draft through discussion and decision to locked consensus', () => {
  let server: RunningServer;
  let browser: Browser;
  let secretariat: Writer;
  let municipal: Writer;
  let hospital: Writer;
  /** What the municipal member's page sends on its section sockets, watched from before the case loads. */
  let municipalSockets: SocketCounts;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    const openMunicipal = async () => {
      const writer = await openProfile(browser, 'Kari Lind');
      municipalSockets = watchSectionSockets(writer.page);
      await writer.page.goto(server.url + CASE_PATH);
      await logIn(writer.page, 'kommune@lvs.demo');
      return writer;
    };
    [secretariat, municipal, hospital] = await Promise.all([
      openAs(browser, 'sekretariat@lvs.demo', 'Sara Moe', server.url + CASE_PATH),
      openMunicipal(),
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
    ]);
    for (const writer of [secretariat, municipal, hospital]) {
      await editor(writer.page, 'innstilling').filter({ hasText: 'Partnerskapsmøtet ber' }).waitFor();
      await panel(writer.page).waitFor();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const status = (writer: Writer) => panel(writer.page).getByText(/^Status:/);

  it('lets only the secretariat move the case, two steps by default, seen live by everyone', async () => {
    expect(await panel(municipal.page).getByRole('group', { name: 'Flytt saken' }).count()).toBe(0);
    const flow = panel(secretariat.page).getByRole('group', { name: 'Flytt saken' });
    await flow.getByRole('button', { name: 'Tilbake til utkast' }).click();
    await status(municipal).filter({ hasText: 'Utkast' }).waitFor();
    // From draft, straight to decision is not offered: no one-step agreement yet.
    await panel(secretariat.page).getByText('Saken behandles i to trinn').waitFor();
    expect(await flow.getByRole('button', { name: 'Send til beslutning' }).count()).toBe(0);
    // One side agreeing to one step and taking it back, seen live by the secretariat.
    await panel(municipal.page).getByRole('button', { name: 'Vår side godtar behandling i ett trinn' }).click();
    await panel(secretariat.page)
      .getByText(/Kommunene har godtatt/)
      .waitFor();
    await panel(municipal.page).getByRole('button', { name: 'Trekk tilbake vår enighet om ett trinn' }).click();
    await panel(secretariat.page).getByText('Saken behandles i to trinn').waitFor();
    expect(await flow.getByRole('button', { name: 'Send til beslutning' }).count()).toBe(0);
    await flow.getByRole('button', { name: 'Send til drøfting' }).click();
    await status(hospital).filter({ hasText: 'Til drøfting' }).waitFor();
    await flow.getByRole('button', { name: 'Send til beslutning' }).click();
    for (const writer of [municipal, hospital]) await status(writer).filter({ hasText: 'Til beslutning' }).waitFor();
    // The start page tells each side what waits for its approval.
    const start = await hospital.context.newPage();
    await start.goto(server.url + '/');
    await start
      .getByRole('region', { name: 'Venter på godkjenning fra din side' })
      .getByRole('link', { name: /Sak 04-2022/ })
      .waitFor();
    await start.close();
  });

  it('voids an approval, for everyone, when the wording changes after it', async () => {
    await approveFor(municipal.page, 'Kommunene');
    await sideRow(hospital.page, 'kommune').filter({ hasText: 'godkjent av Kari Lind' }).waitFor();

    await editor(hospital.page, 'innstilling').click();
    await moveCaret(hospital.page, 'Control+End');
    await hospital.page.keyboard.type(HOSPITAL_WORDS);
    for (const writer of [municipal, hospital, secretariat]) {
      const notice = panel(writer.page)
        .getByRole('alert')
        .filter({ hasText: 'Godkjenning falt bort fordi teksten ble endret' });
      await notice.waitFor();
      await notice.locator('ins').filter({ hasText: 'felles' }).first().waitFor();
      await sideRow(writer.page, 'kommune').filter({ hasText: 'har ikke godkjent' }).waitFor();
    }
  });

  it('locks the wording and both assessments when both sides approve the same text', async () => {
    await editor(municipal.page, 'innstilling').filter({ hasText: HOSPITAL_WORDS.trim() }).waitFor();
    await approveFor(municipal.page, 'Kommunene');
    await sideRow(hospital.page, 'kommune').filter({ hasText: 'godkjent av Kari Lind' }).waitFor();
    await approveFor(hospital.page, 'Nordlandssykehuset HF');

    for (const writer of [municipal, hospital, secretariat]) {
      await panel(writer.page).getByRole('status').filter({ hasText: 'Konsensus er oppnådd' }).waitFor();
      await status(writer).filter({ hasText: 'Konsensus' }).waitFor();
      for (const sectionId of ['innstilling', 'kommunenes-vurdering', 'nlsh-vurdering']) {
        await writer.page.locator(`[data-section-id="${sectionId}"][data-locked="true"]`).waitFor();
        expect(await editor(writer.page, sectionId).getAttribute('contenteditable')).toBe('false');
      }
      // Sections outside the consensus stay open.
      expect(await writer.page.locator('[data-section-id="bakgrunn"]').getAttribute('data-locked')).toBe('false');
    }
    await municipal.page
      .locator('[data-section-id="innstilling"]')
      .getByText('Teksten er låst etter konsensus')
      .waitFor();
  });

  it('never sends a further keystroke, even one forced past the read-only editor', async () => {
    const page = municipal.page;
    const before = await editor(hospital.page, 'innstilling').innerText();
    const sentBefore = municipalSockets.changesSent('innstilling');
    await editor(page, 'innstilling').evaluate((element) => {
      (element as HTMLElement & { editor: { setEditable(editable: boolean): void } }).editor.setEditable(true);
    });
    await editor(page, 'innstilling').click();
    await moveCaret(page, 'Control+End');
    await page.keyboard.type(' X');
    await editor(page, 'innstilling').filter({ hasText: /X$/ }).waitFor();
    // Barrier: a presence change sent after the keystroke, on the same socket, has gone out.
    const barrier = municipalSockets.frameWith('innstilling', 'etter-tastetrykket');
    await sendPresenceMarker(page, 'innstilling', 'etter-tastetrykket');
    await barrier;
    expect(municipalSockets.changesSent('innstilling')).toBe(sentBefore);
    expect(await page.locator('[data-section-id="innstilling"]').getByRole('alert').count()).toBe(0);
    expect(await editor(hospital.page, 'innstilling').innerText()).toBe(before);
  });

  it("shows the approvals, the lock and the status changes in the wording's history", async () => {
    const section = secretariat.page.locator('[data-section-id="innstilling"]');
    await section.getByRole('button', { name: 'Historikk' }).click();
    const history = section.getByRole('region', { name: 'Historikk for Innstilling til konsensus' });
    await history.getByText('Låst ved konsensus').first().waitFor();
    await history.getByText('Godkjent for kommunene av Kari Lind').first().waitFor();
    await history.getByText('Godkjent for helseforetaket av Nils Berg').first().waitFor();
    await history.getByText('Status endret fra «til drøfting» til «til beslutning»').first().waitFor();
    // Restoring an old version is not offered while the text is locked.
    expect(await history.getByRole('button', { name: 'Gjenopprett denne versjonen' }).count()).toBe(0);
  });

  it('keeps a read-only decision record with both approvals', async () => {
    await panel(secretariat.page).getByRole('button', { name: 'Beslutningsprotokoll' }).click();
    const record = panel(secretariat.page).getByRole('region', { name: 'Beslutningsprotokoll' });
    await record.getByText(/Kommunene: godkjent av Kari Lind/).waitFor();
    await record.getByText(/Nordlandssykehuset HF: godkjent av Nils Berg/).waitFor();
    expect(await record.locator('blockquote').innerText()).toContain(HOSPITAL_WORDS.trim());
  });

  it('reopens only when one side asks with a reason and the other confirms', async () => {
    await panel(hospital.page).getByLabel('Hvorfor bør teksten åpnes igjen?').fill('Vi må presisere ledelsesansvaret.');
    await panel(hospital.page).getByRole('button', { name: 'Be om gjenåpning' }).click();
    await panel(hospital.page).getByText('Venter på at den andre siden bekrefter.').waitFor();
    expect(await panel(hospital.page).getByRole('button', { name: 'Bekreft gjenåpning' }).count()).toBe(0);
    await panel(municipal.page)
      .getByText(/ber om å åpne teksten igjen: «Vi må presisere ledelsesansvaret.»/)
      .waitFor();
    await panel(municipal.page).getByRole('button', { name: 'Bekreft gjenåpning' }).click();
    for (const writer of [municipal, hospital]) {
      await status(writer).filter({ hasText: 'Til beslutning' }).waitFor();
      await writer.page.locator('[data-section-id="innstilling"][data-locked="false"]').waitFor();
    }
    expect(await editor(municipal.page, 'innstilling').getAttribute('contenteditable')).toBe('true');
  });

  it('threw no errors in any window', () => {
    expect([...secretariat.errors, ...municipal.errors, ...hospital.errors]).toEqual([]);
  });
});
