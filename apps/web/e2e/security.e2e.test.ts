import { describe, expect, it } from 'vitest';
import { logIn, moveCaret, openProfile, type Writer } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';

const CASE_PATH = '/sak/lvs-04-2022';
const SECTION = '[data-section-id="kommunenes-vurdering"]';

describe('the app under its Content-Security-Policy', () => {
  const suite = serverAndBrowser();

  it('logs in, opens a case and types, with nothing the policy refused', async () => {
    const kari: Writer = await openProfile(suite.browser, 'Kari Lind');
    const violations: string[] = [];
    kari.page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    // Every refusal also fires securitypolicyviolation in the page; collected from the first script on.
    await kari.context.exposeBinding('reportViolation', (_source, text: string) => violations.push(text));
    await kari.page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `${event.violatedDirective}: ${event.blockedURI}`,
        );
      });
    });

    const page = await kari.page.goto(`${suite.server.url}${CASE_PATH}`);
    // The policy is really there, so a clean run means something.
    expect(await page!.headerValue('content-security-policy')).toMatch(/script-src 'self'/);
    await logIn(kari.page, 'kommune@lvs.demo');
    await kari.page.getByRole('heading', { level: 1, name: /Samhandlingsarenaer/ }).waitFor();
    await kari.page.getByRole('status').filter({ hasText: 'Tilkoblet' }).waitFor();
    const editor = kari.page.locator(`${SECTION} .ProseMirror`);
    await editor.filter({ hasText: 'Kommunene i helsefelleskapet' }).waitFor();
    await editor.click();
    await moveCaret(kari.page, 'Control+End');
    await kari.page.keyboard.type(' Skrevet under CSP.');
    await editor.filter({ hasText: 'Skrevet under CSP.' }).waitFor();

    // What was typed reached the server over the WebSocket: a fresh page loads it from there.
    await kari.page.reload();
    await kari.page.locator(`${SECTION} .ProseMirror`).filter({ hasText: 'Skrevet under CSP.' }).waitFor();
    // The editor's own CSS still applies although Tiptap no longer injects it.
    expect(await editor.evaluate((element) => getComputedStyle(element).whiteSpace)).toMatch(/pre-wrap|break-spaces/);
    expect(violations).toEqual([]);
    expect(kari.errors).toEqual([]);
  });
});

describe('a person with more sockets open than the server allows', () => {
  // Two sockets per login: the case's five sections cannot all connect.
  const suite = serverAndBrowser({ MAX_SOCKETS_PER_SESSION: '2' });

  it('is told in Norwegian, on the sections that could not connect', async () => {
    const kari = await openProfile(suite.browser, 'Kari Lind');
    await kari.page.goto(`${suite.server.url}${CASE_PATH}`);
    await logIn(kari.page, 'kommune@lvs.demo');
    await kari.page.getByRole('heading', { level: 1, name: /Samhandlingsarenaer/ }).waitFor();
    const notice = kari.page.getByRole('alert').filter({ hasText: 'Du har for mange åpne tilkoblinger til Samråd' });
    await notice.first().waitFor();
    await expect.poll(() => notice.count()).toBe(3);
    expect(kari.errors).toEqual([]);
  });
});
