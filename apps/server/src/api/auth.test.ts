import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { DEMO, login, sessionFetch } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, ...headers },
    body: JSON.stringify(body),
  });

describe('login and sessions', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and reports who is logged in', async () => {
    const response = await post('/api/auth/login', { email: 'Kommune@LVS.demo', password: 'samraad-demo' });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/samraad_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const info = (await response.json()) as {
      user: { name: string };
      memberships: Array<{ side: string; organisationName: string }>;
    };
    expect(info.user.name).toBe('Kari Lind');
    expect(info.memberships[0]).toMatchObject({ side: 'kommune', organisationName: 'Bodø kommune' });
  });

  it('refuses a wrong password without saying whether the e-mail exists', async () => {
    const wrong = await post('/api/auth/login', { email: 'sykehus@lvs.demo', password: 'feil-passord' });
    const unknown = await post('/api/auth/login', { email: 'ingen@lvs.demo', password: 'feil-passord' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('makes repeated failures for one account wait, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await post('/api/auth/login', { email: 'observator@helgeland.demo', password: `gjett-${i}` })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The right password waits out the delay too (the growing delays are in login-throttle.test.ts).
    const right = await post('/api/auth/login', { email: 'observator@helgeland.demo', password: 'samraad-demo' });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await right.json()) as { message: string }).message).toMatch(/prøv igjen om \d+ sekund/);
  });

  it('requires a session for the API', async () => {
    expect((await fetch(`${server.url}/api/communities`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/cases/lvs-04-2022`, { headers: { cookie: 'samraad_session=forfalsket' } }))
        .status,
    ).toBe(401);
  });

  it('ends the session on logout', async () => {
    const session = await login(server.url, DEMO.sykehus);
    expect((await sessionFetch(session, '/api/auth/session')).status).toBe(200);
    expect((await sessionFetch(session, '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await sessionFetch(session, '/api/auth/session')).status).toBe(401);
  });

  it('refuses writes from another origin and writes without the CSRF token', async () => {
    const session = await login(server.url, DEMO.sekretariat);
    const patch = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/cases/lvs-04-2022`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: session.cookie, ...headers },
        body: JSON.stringify({ title: 'Endret' }),
      });
    expect((await patch({ origin: 'https://angriper.example', 'x-csrf-token': session.csrfToken })).status).toBe(403);
    expect((await patch({ origin: server.url })).status).toBe(403);
    expect((await patch({ origin: server.url, 'x-csrf-token': 'gjettet' })).status).toBe(403);
    expect((await patch({ origin: server.url, 'x-csrf-token': session.csrfToken })).status).toBe(200);
  });

  it("hides another community's case as if it did not exist", async () => {
    const helgeland = await login(server.url, DEMO.helgelandKommune);
    const response = await sessionFetch(helgeland, '/api/cases/lvs-04-2022');
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toMatch(/Samhandlingsarenaer/);
    expect((await sessionFetch(helgeland, '/api/communities/lvs/cases')).status).toBe(404);
  });
});

describe('invitations', () => {
  async function invite(email: string) {
    const secretariat = await login(server.url, DEMO.sekretariat);
    const response = await sessionFetch(secretariat, '/api/invitations', {
      method: 'POST',
      body: JSON.stringify({
        email,
        name: 'Randi Fauske',
        communityId: 'lvs',
        organisationId: 'lvs-fauske',
        side: 'kommune',
        role: 'member',
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { link: string }).link.split('/').pop()!;
  }

  it('lets an invited person set a password, join with the given side and role, and only once', async () => {
    const token = await invite('randi@fauske.demo');
    const view = (await (await fetch(`${server.url}/api/invitations/${token}`)).json()) as {
      organisationName: string;
      role: string;
    };
    expect(view).toMatchObject({ organisationName: 'Fauske kommune', role: 'member' });

    const accepted = await post(`/api/invitations/${token}/accept`, {
      name: 'Randi Fauske',
      password: 'et-langt-passord',
    });
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { memberships: Array<{ side: string }> }).memberships[0]!.side).toBe('kommune');

    const again = await post(`/api/invitations/${token}/accept`, {
      name: 'Randi Fauske',
      password: 'et-langt-passord',
    });
    expect(again.status).toBe(410);
    expect((await login(server.url, 'randi@fauske.demo', 'et-langt-passord')).cookie).toMatch(/samraad_session/);
  });

  it('refuses a short password and an unknown token', async () => {
    const token = await invite('kort@fauske.demo');
    expect((await post(`/api/invitations/${token}/accept`, { name: 'K', password: 'kort' })).status).toBe(400);
    expect((await fetch(`${server.url}/api/invitations/finnes-ikke`)).status).toBe(404);
  });

  it('does not let a member invite anyone', async () => {
    const member = await login(server.url, DEMO.kommune);
    const response = await sessionFetch(member, '/api/invitations', {
      method: 'POST',
      body: JSON.stringify({
        email: 'x@y.no',
        name: 'X',
        communityId: 'lvs',
        organisationId: null,
        side: null,
        role: 'admin',
      }),
    });
    expect(response.status).toBe(403);
  });
});
