import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { lockByConsensus } from './support/api.js';
import { launchChromium, logIn, moveCaret, openAs, openProfile, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { sendPresenceMarker, watchSectionSockets, type SocketCounts } from './support/sockets.js';

const CASE_ID = 'lvs-04-2022';
const CASE_PATH = `/sak/${CASE_ID}`;
const SECTION_ID = 'kommunenes-vurdering';
const REFUSED_TEXT = 'Skrevet etter at partene hadde låst teksten.';

const section = (page: Page) => page.locator(`[data-section-id="${SECTION_ID}"]`);
const editor = (page: Page) => section(page).locator('.ProseMirror');

describe('a write the server refuses: read-only with its reason, text handed back, no reconnect loop', () => {
  let server: RunningServer;
  let browser: Browser;
  let kari: Writer;
  let kariSockets: SocketCounts;
  let jonas: Writer;
  let nils: Writer;
  let sara: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    kari = await openProfile(browser, 'Kari Lind');
    kariSockets = watchSectionSockets(kari.page);
    // Kari's page never hears of the lock (its live event stream is cut), so the lock reaches
    // the server before her page: the race a real lock can win against a writer.
    await kari.page.route('**/api/cases/*/events', (route) => route.abort());
    await kari.page.goto(server.url + CASE_PATH);
    await logIn(kari.page, 'kommune@lvs.demo');
    [jonas, nils, sara] = await Promise.all([
      openAs(browser, 'kommune2@lvs.demo', 'Jonas Eide', server.url + CASE_PATH),
      openAs(browser, 'sykehus@lvs.demo', 'Nils Berg', server.url + CASE_PATH),
      openAs(browser, 'sekretariat@lvs.demo', 'Sara Moe', server.url + CASE_PATH),
    ]);
    await kari.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
    await editor(kari.page).filter({ hasText: 'Kommunene i helsefelleskapet' }).waitFor();
    // Four people log in; on a loaded machine that alone can take most of a minute.
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the server's reason, keeps the section read-only, hands the text back and reconnects once", async () => {
    await lockByConsensus(CASE_ID, { secretariat: sara.page, municipal: jonas.page, hospital: nils.page });
    await section(jonas.page).and(jonas.page.locator('[data-locked="true"]')).waitFor();
    // Kari's page still believes the section is open to her.
    expect(await editor(kari.page).getAttribute('contenteditable')).toBe('true');
    expect(kariSockets.opened(SECTION_ID)).toBe(1);

    await editor(kari.page).click();
    await moveCaret(kari.page, 'Control+End');
    // One input, one change: the whole sentence is in the change the server refuses.
    await kari.page.keyboard.insertText(` ${REFUSED_TEXT}`);

    const refusal = section(kari.page).getByRole('alert').filter({ hasText: 'Endringen din ble avvist' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Teksten er låst etter konsensus og kan ikke endres.');
    const handedBack = section(kari.page).getByRole('alert').filter({ hasText: 'Dette du skrev, ble ikke lagret' });
    expect(await handedBack.getByLabel('Teksten du skrev').inputValue()).toBe(REFUSED_TEXT);
    // The server's text, fetched again, read-only.
    await kari.page.waitForFunction(
      ([selector, text]) => {
        const shown = document.querySelector(selector);
        return (
          shown?.getAttribute('contenteditable') === 'false' &&
          !!shown.textContent?.includes('Kommunene i helsefelleskapet') &&
          !shown.textContent.includes(text)
        );
      },
      [`[data-section-id="${SECTION_ID}"] .ProseMirror`, REFUSED_TEXT] as const,
    );

    // Barrier: a presence change Jonas makes afterwards reaches Kari on her current socket.
    const barrier = kariSockets.receivedWith(SECTION_ID, 'etter-avvisningen');
    await sendPresenceMarker(jonas.page, SECTION_ID, 'etter-avvisningen');
    await barrier;
    // One socket to start with and one to fetch the text again: no loop, one refusal.
    expect(kariSockets.opened(SECTION_ID)).toBe(2);
    const activity = (await kari.page.evaluate(
      async (caseId) => (await (await fetch(`/api/cases/${caseId}/activity`)).json()) as unknown,
      CASE_ID,
    )) as Array<{
      userName: string;
      action: string;
      sectionId: string;
    }>;
    expect(activity.filter((entry) => entry.userName === 'Kari Lind' && entry.action === 'refused')).toHaveLength(1);
    expect(await editor(jonas.page).innerText()).not.toContain(REFUSED_TEXT);
  });

  it('reconnects once more, and only, when the person asks to try again', async () => {
    await section(kari.page).getByRole('button', { name: 'Prøv igjen' }).click();
    await section(kari.page)
      .getByRole('alert')
      .filter({ hasText: 'Endringen din ble avvist' })
      .waitFor({ state: 'detached' });
    const barrier = kariSockets.receivedWith(SECTION_ID, 'etter-nytt-forsok');
    await sendPresenceMarker(jonas.page, SECTION_ID, 'etter-nytt-forsok');
    await barrier;
    expect(kariSockets.opened(SECTION_ID)).toBe(3);
    // The text handed back stays until she dismisses it.
    await section(kari.page).getByRole('alert').filter({ hasText: 'Dette du skrev, ble ikke lagret' }).waitFor();
  });

  it('threw no errors in any window', () => {
    expect([...kari.errors, ...jonas.errors, ...nils.errors, ...sara.errors]).toEqual([]);
  });
});
