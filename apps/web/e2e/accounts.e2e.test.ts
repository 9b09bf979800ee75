import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { logIn, openAs, openProfile, type Writer } from './support/browser.js';
import { serverAndBrowser } from './support/suite.js';

const NEW_PASSWORD = 'fjellvann-2026';

/** The secretariat fills in the invitation form and returns the one-time link it shows. */
async function invite(
  page: Page,
  serverUrl: string,
  person: { name: string; email: string; organisation: string; role: string },
) {
  await page.goto(`${serverUrl}/c/lvs`);
  await page.getByRole('link', { name: 'Inviter personer' }).click();
  await page.getByLabel('Navn').fill(person.name);
  await page.getByLabel('E-postadresse').fill(person.email);
  await page.getByLabel('Organisasjon').selectOption({ label: person.organisation });
  await page.getByLabel('Rolle').selectOption({ label: person.role });
  await page.getByRole('button', { name: 'Lag invitasjonslenke' }).click();
  return (await page.getByTestId('invitation-link').textContent())!;
}

describe('logging in and out', () => {
  const suite = serverAndBrowser();

  it('refuses a wrong password, accepts the right one, and logs out for real', async () => {
    const person = await openProfile(suite.browser, 'Kari Lind');
    await person.page.goto(`${suite.server.url}/sak/lvs-04-2022`);
    await logIn(person.page, 'kommune@lvs.demo', 'feil-passord');
    await person.page.getByRole('alert').filter({ hasText: 'feil e-post eller passord' }).waitFor();
    await logIn(person.page, 'kommune@lvs.demo');
    // Lands on the page the link pointed to.
    await person.page.getByRole('heading', { level: 1, name: /Samhandlingsarenaer/ }).waitFor();
    await person.page.getByRole('button', { name: 'Logg ut' }).click();
    await person.page.getByRole('heading', { name: 'Logg inn' }).waitFor();
    // The server forgot the session too: the API refuses the old cookie.
    const status = await person.page.evaluate(async () => (await fetch('/api/cases/lvs-04-2022')).status);
    expect(status).toBe(401);
    expect(person.errors).toEqual([]);
  });
});

describe('invitations', () => {
  const suite = serverAndBrowser();
  let secretariat: Writer;

  beforeAll(async () => {
    secretariat = await openAs(suite.browser, 'sekretariat@lvs.demo', 'Sara Moe', `${suite.server.url}/c/lvs`);
  });

  it('lets an invited hospital member set a password and work on their side, once', async () => {
    const link = await invite(secretariat.page, suite.server.url, {
      name: 'Randi Hovde',
      email: 'randi.hovde@nlsh.example',
      organisation: 'Nordlandssykehuset HF (helseforetaket)',
      role: 'Medlem',
    });
    expect(link).toMatch(/\/invitasjon\/[\w-]{20,}$/);

    const randi = await openProfile(suite.browser, 'Randi Hovde');
    await randi.page.goto(link);
    await randi.page
      .getByText(/Du er invitert til Helsefellesskapet Lofoten, Vesterålen og Salten som Medlem/)
      .waitFor();
    await randi.page.getByLabel('Velg et passord').fill('kort');
    await randi.page.getByRole('button', { name: 'Godta invitasjonen' }).click();
    await randi.page.getByRole('alert').filter({ hasText: 'minst 10 tegn' }).waitFor();
    await randi.page.getByLabel('Velg et passord').fill(NEW_PASSWORD);
    await randi.page.getByRole('button', { name: 'Godta invitasjonen' }).click();
    // In, as a hospital member of the community: the case list, then the hospital's own section.
    await randi.page
      .getByRole('heading', { level: 1, name: 'Helsefellesskapet Lofoten, Vesterålen og Salten' })
      .waitFor();
    await randi.page.getByText('Medlem, Nordlandssykehuset HF').waitFor();
    await randi.page.getByRole('link', { name: /Samhandlingsarenaer/ }).click();
    const own = randi.page.locator('[data-section-id="nlsh-vurdering"] .ProseMirror');
    const other = randi.page.locator('[data-section-id="kommunenes-vurdering"] .ProseMirror');
    await own.filter({ hasText: 'Nordlandssykehuset er opptatt av' }).waitFor();
    expect(await own.getAttribute('contenteditable')).toBe('true');
    expect(await other.getAttribute('contenteditable')).toBe('false');

    // The same link a second time, in another browser: already used.
    const again = await openProfile(suite.browser, 'Someone else');
    await again.page.goto(link);
    await again.page.getByRole('alert').filter({ hasText: 'invitasjonen er allerede brukt' }).waitFor();
    expect(await again.page.getByRole('button', { name: 'Godta invitasjonen' }).count()).toBe(0);

    // The new password works on the login page.
    await randi.page.getByRole('button', { name: 'Logg ut' }).click();
    await logIn(randi.page, 'randi.hovde@nlsh.example', NEW_PASSWORD);
    await randi.page.getByRole('button', { name: 'Logg ut' }).waitFor();
    expect([...randi.errors, ...again.errors, ...secretariat.errors]).toEqual([]);
  });

  it('lets someone with an account elsewhere join only by logging in as themselves and confirming', async () => {
    // Hege has an account in Helgeland; the LVS secretariat invites her e-mail as an observer.
    const link = await invite(secretariat.page, suite.server.url, {
      name: 'Hege Nordvik',
      email: 'kommune@helgeland.demo',
      organisation: 'Bodø kommune (kommunesiden)',
      role: 'Observatør',
    });
    const hege = await openProfile(suite.browser, 'Hege Nordvik');
    await hege.page.goto(link);
    await hege.page
      .getByText(/Du er invitert til Helsefellesskapet Lofoten, Vesterålen og Salten som Observatør/)
      .waitFor();
    // The link takes no password for her account: choosing one for a new account is refused.
    await hege.page.getByLabel('Velg et passord').fill('samraad-demo');
    await hege.page.getByRole('button', { name: 'Godta invitasjonen' }).click();
    await hege.page.getByRole('alert').filter({ hasText: 'logg inn med den for å godta invitasjonen' }).waitFor();
    expect(await hege.page.context().cookies()).toEqual([]);

    // The ordinary login page, then back on the invitation, logged in as the invited e-mail.
    await hege.page.getByRole('button', { name: 'Logg inn for å godta' }).click();
    await logIn(hege.page, 'kommune@helgeland.demo');
    await hege.page
      .getByText('Du er logget inn som kommune@helgeland.demo. Godta invitasjonen for å bli med.')
      .waitFor();
    await hege.page.getByRole('button', { name: 'Godta invitasjonen' }).click();
    await hege.page
      .getByRole('heading', { level: 1, name: 'Helsefellesskapet Lofoten, Vesterålen og Salten' })
      .waitFor();
    await hege.page.getByText('Observatør, Bodø kommune').waitFor();

    // The same kind of link opened while logged in as someone else offers only to log out.
    const second = await invite(secretariat.page, suite.server.url, {
      name: 'Per Aune',
      email: 'sykehus@helgeland.demo',
      organisation: 'Nordlandssykehuset HF (helseforetaket)',
      role: 'Observatør',
    });
    await hege.page.goto(second);
    await hege.page
      .getByText(/Du er logget inn som kommune@helgeland.demo, men invitasjonen gjelder sykehus@helgeland.demo/)
      .waitFor();
    expect(await hege.page.getByRole('button', { name: 'Godta invitasjonen' }).count()).toBe(0);
    await hege.page.getByRole('button', { name: 'Logg ut' }).click();
    await hege.page.getByRole('button', { name: 'Logg inn for å godta' }).waitFor();
    expect([...hege.errors, ...secretariat.errors]).toEqual([]);
  });

  it('does not offer the invitation form to a member', async () => {
    const kari = await openAs(suite.browser, 'kommune@lvs.demo', 'Kari Lind', `${suite.server.url}/c/lvs`);
    await kari.page.getByRole('heading', { level: 1 }).waitFor();
    expect(await kari.page.getByRole('link', { name: 'Inviter personer' }).count()).toBe(0);
    await kari.page.goto(`${suite.server.url}/c/lvs/inviter`);
    await kari.page.getByText('Bare sekretariatet kan invitere').waitFor();
  });
});

describe('an invitation that has expired', () => {
  // Links live one second here, so the test can outwait one.
  const suite = serverAndBrowser({ INVITATION_TTL_SECONDS: '1' });

  it('says the link has expired and offers no form', async () => {
    const secretariat = await openAs(suite.browser, 'sekretariat@lvs.demo', 'Sara Moe', `${suite.server.url}/c/lvs`);
    const link = await invite(secretariat.page, suite.server.url, {
      name: 'Tor Lie',
      email: 'tor.lie@bodo.example',
      organisation: 'Bodø kommune (kommunesiden)',
      role: 'Observatør',
    });
    // Pacing, not a check: the link must outlive its one-second life on the server's own
    // clock (another process); what the page then says is waited for below.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const tor = await openProfile(suite.browser, 'Tor Lie');
    await tor.page.goto(link);
    await tor.page.getByRole('alert').filter({ hasText: 'invitasjonen har gått ut' }).waitFor();
    expect(await tor.page.getByRole('button', { name: 'Godta invitasjonen' }).count()).toBe(0);
  });
});
