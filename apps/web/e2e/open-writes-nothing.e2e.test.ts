import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAs, type Writer } from './support/browser.js';
import { recordWrites } from './support/documentWrites.js';
import { serverAndBrowser } from './support/suite.js';

/**
 * Opening a case must write nothing. Every role opens every section of every demo case (and a
 * new, empty case) in real Chromium and stays a moment; every frame the page sends on a
 * section socket is decoded, and none may carry a document change. The server's activity log
 * for each case must stay empty as well: nobody is credited with an edit they never made.
 */

interface Person {
  email: string;
  name: string;
}

const PEOPLE: Person[] = [
  { email: 'kommune@lvs.demo', name: 'Kari Lind' },
  { email: 'sykehus@lvs.demo', name: 'Nils Berg' },
  { email: 'observator@lvs.demo', name: 'Olga Strand' },
  { email: 'sekretariat@lvs.demo', name: 'Sara Moe' },
  { email: 'kommune@helgeland.demo', name: 'Hege Nordvik' },
  { email: 'observator@helgeland.demo', name: 'Ida Fjell' },
  { email: 'admin@samraad.demo', name: 'Ane Admin' },
];

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return (await response.json()) as unknown;
  }, path) as Promise<T>;
}

/** Every case this person can open, across their communities. */
async function readableCases(page: Page): Promise<string[]> {
  const communities = await apiGet<Array<{ id: string }>>(page, '/api/communities');
  const ids: string[] = [];
  for (const community of communities) {
    for (const found of await apiGet<Array<{ id: string }>>(page, `/api/communities/${community.id}/cases`))
      ids.push(found.id);
  }
  return ids;
}

/** Opens a case and waits until every section has its text from the server. */
async function openCase(page: Page, url: string, caseId: string): Promise<number> {
  await page.goto(`${url}/sak/${caseId}`);
  await page.getByRole('status').filter({ hasText: 'Tilkoblet' }).first().waitFor();
  const sections = page.locator('[data-section-id]');
  await sections.first().waitFor();
  const count = await sections.count();
  await page.waitForFunction(
    (expected) => document.querySelectorAll('[data-section-id] [aria-busy="false"]').length >= expected,
    count,
    { timeout: 15_000 },
  );
  return count;
}

describe('opening a case as any role writes nothing', () => {
  const suite = serverAndBrowser();
  const opened: Writer[] = [];

  it('a new, empty case made by the secretariat', async () => {
    const sara = await openAs(suite.browser, 'sekretariat@lvs.demo', 'Sara Moe', `${suite.server.url}/c/lvs`);
    opened.push(sara);
    await sara.page.getByRole('button', { name: 'Ny sak' }).click();
    const form = sara.page.getByRole('region', { name: 'Opprett en ny sak' });
    await form.getByLabel('Tittel', { exact: true }).fill('Tom sak for åpningstesten');
    await form.getByLabel('Sakstype', { exact: true }).selectOption({ label: 'Beslutningssak' });
    await form.getByLabel('Organ', { exact: true }).selectOption({ label: 'Partnerskapsmøtet' });
    await form.getByRole('button', { name: 'Opprett saken' }).click();
    await sara.page.waitForURL(/\/sak\/[a-z0-9-]+$/);
  });

  it.each(PEOPLE)(
    '$name opens every section of every case, and the page sends no document change',
    async ({ email, name }) => {
      const person = await openAs(suite.browser, email, name, `${suite.server.url}/`);
      opened.push(person);
      const writes = recordWrites(person.page);
      const cases = await readableCases(person.page);
      expect(cases.length).toBeGreaterThan(0);
      let sections = 0;
      for (const caseId of cases) {
        sections += await openCase(person.page, suite.server.url, caseId);
        // Documented pacing: an editor that normalises does so as it renders the synced text;
        // a moment idle on each case lets anything deferred happen while we still listen.
        await person.page.waitForTimeout(300);
      }
      expect(sections).toBeGreaterThanOrEqual(cases.length);
      // Leaving the page ends its sockets: every frame it ever sent has been seen by now.
      await person.page.goto(`${suite.server.url}/`);
      await person.context.close();
      expect(writes).toEqual([]);
      expect(person.errors).toEqual([]);
    },
  );

  it("leaves every case's activity log empty: nobody is credited with an edit", async () => {
    const admin = await openAs(suite.browser, 'admin@samraad.demo', 'Ane Admin', `${suite.server.url}/`);
    for (const caseId of await readableCases(admin.page)) {
      const activity = await apiGet<Array<{ userName: string; sectionId: string; action: string }>>(
        admin.page,
        `/api/cases/${caseId}/activity`,
      );
      expect(activity, caseId).toEqual([]);
    }
    await admin.context.close();
  });
});
