import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seriousAccessibilityViolations } from './support/axe.js';
import { launchChromium, moveCaret, openAs, type Writer } from './support/browser.js';
import { repoRoot } from './support/paths.js';
import { startServer, type RunningServer } from './support/server.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = '[data-section-id="kommunenes-vurdering"]';
const KARI_TEXT = 'Bodø kommune ber om at erfaringene fra Salten legges fram for SSU.';
const JONAS_TEXT = 'Vågan kommune støtter at RKK Lofoten får en koordinerende rolle.';

describe('two people co-editing a case', () => {
  let server: RunningServer;
  let browser: Browser;
  let kari: Writer;
  let jonas: Writer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    // Two municipal members (Bodø and Vågan) of the same side, each logged in through the form.
    [kari, jonas] = await Promise.all([
      openAs(browser, 'kommune@lvs.demo', 'Kari Lind', server.url + CASE_PATH),
      openAs(browser, 'kommune2@lvs.demo', 'Jonas Eide', server.url + CASE_PATH),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const editor = (writer: Writer) => writer.page.locator(`${SECTION} .ProseMirror`);

  /** The section's paragraphs as the writer sees them, without other people's caret labels. */
  const paragraphTexts = (writer: Writer) =>
    editor(writer).evaluate((root) =>
      Array.from(root.querySelectorAll(':scope > p'), (paragraph) => {
        const copy = paragraph.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return copy.textContent ?? '';
      }),
    );

  it('opens the case paper with its header and a live editor per section', async () => {
    for (const writer of [kari, jonas]) {
      await writer.page.getByRole('heading', { level: 1, name: /Samhandlingsarenaer/ }).waitFor();
      await writer.page.getByText('Partnerskapsmøte sak 04-2022').waitFor();
      await writer.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
      // The seeded text has arrived over the socket, not just the empty editor.
      await editor(writer).filter({ hasText: 'Kommunene i helsefelleskapet' }).waitFor();
      const named = writer.page.getByRole('textbox', { name: 'Kommunenes vurdering' });
      expect(await named.count()).toBe(1);
    }
    expect(await kari.page.locator('[data-section-id] .ProseMirror').count()).toBe(5);
    expect(await kari.page.getByText('Skrives av Nordlandssykehuset HF').count()).toBe(1);
    expect(await kari.page.getByText('04.10.2022').count()).toBe(1);
  });

  it("merges what both type at the same time, and shows each one the other's caret", async () => {
    // Each opens a paragraph of their own at the end of the section. One after the other:
    // two Enters at the very same spot within a few milliseconds is not what this is about.
    for (const writer of [kari, jonas]) {
      const before = await paragraphTexts(writer);
      await editor(writer).click();
      await moveCaret(writer.page, 'Control+End');
      await writer.page.keyboard.press('Enter');
      for (const reader of [kari, jonas]) {
        await reader.page.waitForFunction(([selector, count]) => document.querySelectorAll(selector).length === count, [
          `${SECTION} .ProseMirror > p`,
          before.length + 1,
        ] as const);
      }
    }
    // Then both type at once.
    await Promise.all([
      kari.page.keyboard.type(KARI_TEXT, { delay: 10 }),
      jonas.page.keyboard.type(JONAS_TEXT, { delay: 10 }),
    ]);

    for (const [writer, other] of [
      [kari, jonas],
      [jonas, kari],
    ] as const) {
      await editor(writer).filter({ hasText: KARI_TEXT }).filter({ hasText: JONAS_TEXT }).waitFor({ timeout: 10_000 });
      await writer.page
        .locator(`${SECTION} .collaboration-carets__label`, { hasText: other.name })
        .waitFor({ timeout: 10_000 });
    }
    // Both documents converged on the same text, the seeded paragraph untouched and each
    // sentence whole in its own paragraph.
    const [seenByKari, seenByJonas] = await Promise.all([paragraphTexts(kari), paragraphTexts(jonas)]);
    expect(seenByKari).toEqual(seenByJonas);
    expect(seenByKari[0]).toMatch(/^Kommunene i helsefelleskapet .* 2\. september 2022\.$/);
    expect(seenByKari.slice(1).sort()).toEqual([JONAS_TEXT, KARI_TEXT].sort());
  });

  it('lists both people as present and says the line is up', async () => {
    for (const [writer, other] of [
      [kari, jonas],
      [jonas, kari],
    ] as const) {
      const present = writer.page.getByRole('region', { name: 'Til stede' }).getByRole('listitem');
      await present.filter({ hasText: `${writer.name} (deg)` }).waitFor();
      await present.filter({ hasText: other.name }).waitFor();
      expect(await present.count()).toBe(2);
      await writer.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
    }
  });

  it('has no serious or critical accessibility violations on the case page', async () => {
    const violations = await seriousAccessibilityViolations(kari.page);
    if (violations.length > 0) console.error(JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  });

  it('records a screenshot for the README', async () => {
    const file = path.join(repoRoot, 'docs/screenshot.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Kari's view mid-edit, from the top: her focused section with Jonas's named caret in it.
    // (Checked first, so a broken run never replaces the README's picture with an error page.)
    await kari.page
      .locator(`${SECTION} .collaboration-carets__label`, { hasText: jonas.name })
      .waitFor({ timeout: 5_000 });
    await kari.page.evaluate(() => window.scrollTo(0, 0));
    await kari.page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });

  it('lets the others see someone leave when they go back to the case list', async () => {
    await jonas.page
      .getByRole('navigation', { name: 'Du er her' })
      .getByRole('link', { name: /Lofoten/ })
      .click();
    await jonas.page
      .getByRole('table')
      .getByRole('link', { name: /Samhandlingsarenaer/ })
      .waitFor();
    const present = kari.page.getByRole('region', { name: 'Til stede' }).getByRole('listitem');
    await expect.poll(() => present.count(), { timeout: 10_000 }).toBe(1);
    await present.filter({ hasText: `${kari.name} (deg)` }).waitFor();
  });

  it('says when the line is down, and when it is back', async () => {
    const status = kari.page.getByRole('status');
    await kari.context.setOffline(true);
    await status.filter({ hasText: 'Frakoblet' }).waitFor();
    await kari.context.setOffline(false);
    await status.filter({ hasText: 'Tilkoblet' }).waitFor({ timeout: 15_000 });
  });

  it('threw no errors in either page', () => {
    expect([...kari.errors, ...jonas.errors]).toEqual([]);
  });
});
