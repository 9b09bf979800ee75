import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/users.js';
import type { RunningServer } from '../server.js';
import { appendTextUpdate, connectRawWriter } from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

let server: RunningServer;
let helgelandSecretariat: TestSession;
let lvsSecretariat: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  helgelandSecretariat = await login(server.url, 'sekretariat@helgeland.demo');
  lvsSecretariat = await login(server.url, DEMO.sekretariat);
});

afterAll(async () => {
  await server.close();
});

/** A secretariat's one-time invitation of `email` into its own community; returns the token. */
async function invite(
  secretariat: TestSession,
  email: string,
  membership: { communityId: string; organisationId: string | null; side: string | null; role: string },
) {
  const response = await sessionFetch(secretariat, '/api/invitations', {
    method: 'POST',
    body: JSON.stringify({ email, name: 'Invitert Person', ...membership }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { link: string }).link.split('/').pop()!;
}

const helgelandObserver = { communityId: 'helgeland', organisationId: null, side: null, role: 'observer' };

function anonymousPost(path: string, body: unknown) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
}

async function communitiesOf(email: string): Promise<string[]> {
  const session = await login(server.url, email);
  const info = (await (await sessionFetch(session, '/api/auth/session')).json()) as {
    memberships: Array<{ communityId: string; role: string }>;
  };
  return info.memberships.map((m) => `${m.communityId}:${m.role}`);
}

describe('an invitation to an e-mail that already has an account elsewhere', () => {
  it('looks the same as an invitation to a new e-mail: the look-up tells nothing about accounts', async () => {
    const existing = await invite(helgelandSecretariat, DEMO.kommune, helgelandObserver);
    const fresh = await invite(helgelandSecretariat, 'ny.person@helgeland.example', helgelandObserver);
    const view = async (token: string) => {
      const response = await fetch(`${server.url}/api/invitations/${token}`);
      expect(response.status).toBe(200);
      const { email: _email, expiresAt: _expiresAt, ...rest } = (await response.json()) as Record<string, unknown>;
      return rest;
    };
    expect(await view(existing)).toEqual(await view(fresh));
  });

  it('never signs anyone in with a password typed into it, nor adds the membership', async () => {
    const token = await invite(helgelandSecretariat, DEMO.kommune, helgelandObserver);
    const withRight = await anonymousPost(`/api/invitations/${token}/accept`, {
      name: 'Kari Lind',
      password: DEMO_PASSWORD,
    });
    expect(withRight.status).toBeGreaterThanOrEqual(400);
    expect(withRight.headers.getSetCookie()).toEqual([]);
    const withWrong = await anonymousPost(`/api/invitations/${token}/accept`, {
      name: 'Kari Lind',
      password: 'feil-passord-her',
    });
    // Right and wrong answer alike: the account's password is never checked here.
    expect({ status: withWrong.status, body: (await withWrong.json()) as unknown }).toEqual({
      status: withRight.status,
      body: (await withRight.json()) as unknown,
    });
    expect(await communitiesOf(DEMO.kommune)).toEqual(['lvs:member']);
  });

  it('does not let 50 simultaneous accepts through either, right password at position 37 or not', async () => {
    const token = await invite(helgelandSecretariat, DEMO.sykehus, helgelandObserver);
    const all = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        anonymousPost(`/api/invitations/${token}/accept`, {
          name: 'Nils Berg',
          password: i === 36 ? DEMO_PASSWORD : `gjett-${i}-langt`,
        }),
      ),
    );
    expect(all.filter((response) => response.status < 400)).toEqual([]);
    expect(all.flatMap((response) => response.headers.getSetCookie())).toEqual([]);
    // Throttled like a login: most are turned away before anything is looked at.
    expect(all.filter((response) => response.status === 429).length).toBeGreaterThanOrEqual(45);
    expect(await communitiesOf(DEMO.sykehus)).toEqual(['lvs:member']);
  });

  it('is accepted by logging in normally as that e-mail and confirming; nobody else can confirm it', async () => {
    const token = await invite(helgelandSecretariat, 'observator@lvs.demo', helgelandObserver);
    const someoneElse = await login(server.url, DEMO.kommune);
    const wrongPerson = await sessionFetch(someoneElse, `/api/invitations/${token}/confirm`, { method: 'POST' });
    expect(wrongPerson.status).toBe(403);
    expect(await communitiesOf(DEMO.kommune)).toEqual(['lvs:member']);
    expect((await anonymousPost(`/api/invitations/${token}/confirm`, {})).status).toBe(401);

    const owner = await login(server.url, 'observator@lvs.demo');
    const confirmed = await sessionFetch(owner, `/api/invitations/${token}/confirm`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.getSetCookie()).toEqual([]);
    const info = (await confirmed.json()) as { memberships: Array<{ communityId: string; role: string }> };
    expect(info.memberships.map((m) => `${m.communityId}:${m.role}`).sort()).toEqual([
      'helgeland:observer',
      'lvs:observer',
    ]);
    expect((await sessionFetch(owner, `/api/invitations/${token}/confirm`, { method: 'POST' })).status).toBe(410);
  });
});

describe('an invitation that changes the role of someone already in the community', () => {
  it("closes that person's open sockets in the community with 4403 once they confirm", async () => {
    const kari = await login(server.url, 'kommune2@lvs.demo');
    const { client, local } = await connectRawWriter(kari, 'lvs-04-2022', 'kommunenes-vurdering');
    const token = await invite(lvsSecretariat, 'kommune2@lvs.demo', {
      communityId: 'lvs',
      organisationId: null,
      side: null,
      role: 'observer',
    });
    expect((await sessionFetch(kari, `/api/invitations/${token}/confirm`, { method: 'POST' })).status).toBe(200);
    expect(await client.closed).toEqual({
      code: 4403,
      reason: expect.stringMatching(/tilgangen din er endret/) as string,
    });
    client.sendUpdate(appendTextUpdate(local, ' SOM-OBSERVATOR'));
    client.socket.terminate();
  });
});
