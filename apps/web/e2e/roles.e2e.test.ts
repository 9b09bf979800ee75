import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logIn, moveCaret, openAs, openProfile, type Writer } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';
import { sendPresenceMarker, watchSectionSockets, type SocketCounts } from './support/sockets.js';

const CASE_PATH = '/sak/lvs-04-2022';
const MUNICIPAL_TEXT = 'Kommunene ønsker at fastlegene deltar på samhandlingsarenaene.';
const FORBIDDEN_TEXT = 'Dette skal aldri komme fram.';
const LIST_ITEM = 'Fastlegene deltar i arbeidsgruppene';

const section = (page: Page, sectionId: string) => page.locator(`[data-section-id="${sectionId}"]`);
const editor = (page: Page, sectionId: string) => section(page, sectionId).locator('.ProseMirror');

/** What each role may write in sak 04-2022, section by section: the rule the server enforces. */
const EXPECTED: Record<string, Record<string, boolean>> = {
  kommune: {
    innstilling: true,
    bakgrunn: true,
    'kommunenes-vurdering': true,
    'nlsh-vurdering': false,
    innledning: true,
  },
  sykehus: {
    innstilling: true,
    bakgrunn: true,
    'kommunenes-vurdering': false,
    'nlsh-vurdering': true,
    innledning: true,
  },
  observator: {
    innstilling: false,
    bakgrunn: false,
    'kommunenes-vurdering': false,
    'nlsh-vurdering': false,
    innledning: false,
  },
  sekretariat: {
    innstilling: true,
    bakgrunn: true,
    'kommunenes-vurdering': false,
    'nlsh-vurdering': false,
    innledning: true,
  },
};

describe('four windows on sak 04-2022: municipal member, hospital member, observer, secretariat', () => {
  let server: RunningServer;
  let browser: Browser;
  const windows: Record<string, Writer> = {};
  /** Every section socket the observer's page opens, and what it sends on them. */
  let olgaSockets: SocketCounts;

  /** The observer's page, its sockets watched from before the case loads. */
  async function openObserver(): Promise<Writer> {
    const olga = await openProfile(browser, 'Olga Strand');
    olgaSockets = watchSectionSockets(olga.page);
    await olga.page.goto(server.url + CASE_PATH);
    await logIn(olga.page, 'observator@lvs.demo');
    await olga.page.getByRole('button', { name: 'Logg ut' }).waitFor();
    return olga;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    const people = [
      ['kommune', 'kommune@lvs.demo', 'Kari Lind'],
      ['sykehus', 'sykehus@lvs.demo', 'Nils Berg'],
      ['sekretariat', 'sekretariat@lvs.demo', 'Sara Moe'],
    ] as const;
    const opened = await Promise.all([
      ...people.map(([, email, name]) => openAs(browser, email, name, server.url + CASE_PATH)),
      openObserver(),
    ]);
    people.forEach(([key], index) => (windows[key] = opened[index]!));
    windows.observator = opened[people.length]!;
    for (const writer of opened) {
      await writer.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
      await editor(writer.page, 'kommunenes-vurdering').filter({ hasText: 'Kommunene i helsefelleskapet' }).waitFor();
    }
    // Four people log in; on a loaded machine that alone can take most of a minute.
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets each role edit exactly the sections the shared rule allows, and says why the others are read-only', async () => {
    for (const [key, expected] of Object.entries(EXPECTED)) {
      const page = windows[key]!.page;
      for (const [sectionId, writable] of Object.entries(expected)) {
        expect(await editor(page, sectionId).getAttribute('contenteditable'), `${key} / ${sectionId}`).toBe(
          String(writable),
        );
      }
    }
    const readOnly = (key: string, sectionId: string) =>
      section(windows[key]!.page, sectionId).locator('[data-read-only-reason]');
    expect(await readOnly('kommune', 'nlsh-vurdering').textContent()).toBe(
      'Bare Nordlandssykehuset HF skriver i denne vurderingen.',
    );
    expect(await readOnly('sykehus', 'kommunenes-vurdering').textContent()).toBe(
      'Bare kommunene skriver i denne vurderingen.',
    );
    expect(await readOnly('observator', 'innstilling').textContent()).toMatch(/Observatører leser og kommenterer/);
    expect(await readOnly('kommune', 'kommunenes-vurdering').count()).toBe(0);
    // Each section says which side owns it.
    expect(
      await section(windows.observator!.page, 'nlsh-vurdering').getByText('Skrives av Nordlandssykehuset HF').count(),
    ).toBe(1);
  });

  it('shows what the municipal member writes in the municipal assessment to all four, and who wrote it', async () => {
    const kari = windows.kommune!.page;
    await editor(kari, 'kommunenes-vurdering').click();
    await moveCaret(kari, 'Control+End');
    await kari.keyboard.press('Enter');
    await kari.keyboard.type(MUNICIPAL_TEXT, { delay: 5 });
    for (const writer of Object.values(windows)) {
      await editor(writer.page, 'kommunenes-vurdering').filter({ hasText: MUNICIPAL_TEXT }).waitFor();
    }
    await section(windows.sykehus!.page, 'kommunenes-vurdering')
      .getByText(/Sist skrevet av Kari Lind/)
      .waitFor({ timeout: 10_000 });
  });

  it("never sends an observer's edit, not even one forced past the read-only editor", async () => {
    const olga = windows.observator!.page;
    // Force the editor open from the page's own script, as a user with devtools could.
    await editor(olga, 'innstilling').evaluate((element) => {
      (element as HTMLElement & { editor: { setEditable(editable: boolean): void } }).editor.setEditable(true);
    });
    await editor(olga, 'innstilling').click();
    await moveCaret(olga, 'Control+End');
    await olga.keyboard.type(FORBIDDEN_TEXT);
    await editor(olga, 'innstilling').filter({ hasText: FORBIDDEN_TEXT }).waitFor();
    // Barrier: a presence change sent after the typing, on the same socket, has gone out.
    const marker = 'etter-forsoket';
    const barrier = olgaSockets.frameWith('innstilling', marker);
    await sendPresenceMarker(olga, 'innstilling', marker);
    await barrier;
    expect(olgaSockets.changesSent()).toBe(0);
    // Nothing to refuse, so nothing refused, and no reconnecting.
    expect(olgaSockets.opened('innstilling')).toBe(1);
    expect(await section(olga, 'innstilling').getByRole('alert').count()).toBe(0);
    for (const key of ['kommune', 'sykehus', 'sekretariat']) {
      expect(await editor(windows[key]!.page, 'innstilling').innerText()).not.toContain(FORBIDDEN_TEXT);
    }
    const activity = await olga.evaluate(
      async () => (await (await fetch('/api/cases/lvs-04-2022/activity')).json()) as unknown,
    );
    expect(activity).not.toContainEqual(expect.objectContaining({ userName: 'Olga Strand', action: 'refused' }));
  });

  it('lets an observer open a section ending in a list without sending anything or reconnecting (issue 11 loop)', async () => {
    // A member ends the background with a bulleted list ("- " starts one).
    const kari = windows.kommune!.page;
    await editor(kari, 'bakgrunn').click();
    await moveCaret(kari, 'Control+End');
    await kari.keyboard.press('Enter');
    await kari.keyboard.type(`- ${LIST_ITEM}`, { delay: 5 });
    await section(kari, 'bakgrunn').locator('.ProseMirror > ul li').filter({ hasText: LIST_ITEM }).waitFor();

    // The observer opens the case afresh. Her editor adds a paragraph after the list locally
    // (Tiptap's TrailingNode); the server refused that, and the page used to reconnect into
    // the same refusal some 25 times a second.
    const olga = windows.observator!.page;
    const openedBefore = olgaSockets.opened('bakgrunn');
    await olga.reload();
    await section(olga, 'bakgrunn').locator('li').filter({ hasText: LIST_ITEM }).waitFor();
    // Barrier: the observer's socket is live and sees what the member types next, and a presence
    // change sent after all that has gone out on it.
    await kari.keyboard.type(' og SSU', { delay: 5 });
    await section(olga, 'bakgrunn')
      .locator('li')
      .filter({ hasText: `${LIST_ITEM} og SSU` })
      .waitFor();
    const marker = 'etter-lista';
    const barrier = olgaSockets.frameWith('bakgrunn', marker);
    await sendPresenceMarker(olga, 'bakgrunn', marker);
    await barrier;

    expect(olgaSockets.opened('bakgrunn') - openedBefore).toBe(1);
    expect(olgaSockets.changesSent()).toBe(0);
    expect(await section(olga, 'bakgrunn').getByRole('alert').count()).toBe(0);
    expect(await section(olga, 'bakgrunn').getByText('Henter teksten').count()).toBe(0);
    const activity = await olga.evaluate(
      async () => (await (await fetch('/api/cases/lvs-04-2022/activity')).json()) as unknown,
    );
    expect(activity).not.toContainEqual(expect.objectContaining({ userName: 'Olga Strand', action: 'refused' }));
  });

  it('lists all four as present', async () => {
    const present = windows.sekretariat!.page.getByRole('region', { name: 'Til stede' }).getByRole('listitem');
    for (const name of ['Kari Lind', 'Nils Berg', 'Olga Strand', 'Sara Moe'])
      await present.filter({ hasText: name }).waitFor();
  });

  it('threw no errors in any window', () => {
    expect(Object.values(windows).flatMap((writer) => writer.errors)).toEqual([]);
  });
});
