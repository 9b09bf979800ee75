import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/users.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/test-server.js';

// Behind a trusted proxy the client's address is the last X-Forwarded-For entry: that is how
// these tests send from several addresses over one loopback connection.
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(undefined, { trustProxy: true });
});

afterAll(async () => {
  await server.close();
});

function attempt(email: string, password: string, address: string): Promise<Response> {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
}

/** Guess `i` is wrong except at `right`, where it is the account's real password. */
const guess = (i: number, right: number) => (i === right ? DEMO_PASSWORD : `gjett-${i}`);

async function statuses(responses: Array<Promise<Response>>): Promise<number[]> {
  return Promise.all(responses.map(async (pending) => (await pending).status));
}

describe('password guessing in parallel', () => {
  it('checks few of 50 simultaneous guesses against one account, and the right one at position 37 does not get in', async () => {
    const all = await statuses(
      Array.from({ length: 50 }, (_, i) => attempt('sykehus@lvs.demo', guess(i, 36), '10.1.0.1')),
    );
    expect(all[36]).not.toBe(200);
    expect(all.filter((status) => status === 200)).toEqual([]);
    // Each password check that ran answered 401; everything else was turned away before it.
    expect(all.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
    expect(all.filter((status) => status === 429).length).toBeGreaterThanOrEqual(47);
  });

  it('checks few of 60 simultaneous guesses spread over 6 addresses', async () => {
    const all = await statuses(
      Array.from({ length: 60 }, (_, i) => attempt('observator@lvs.demo', guess(i, 36), `10.2.0.${(i % 6) + 1}`)),
    );
    expect(all.filter((status) => status === 200)).toEqual([]);
    expect(all.filter((status) => status === 401).length).toBeLessThanOrEqual(3);
  });

  it('counts guesses from one address against many accounts before checking them', async () => {
    const all = await statuses(
      Array.from({ length: 60 }, (_, i) => attempt(`ingen-${i}@lvs.demo`, 'gjett', '10.3.0.1')),
    );
    // The per-address allowance is 20 failures; none of the rest was checked.
    expect(all.filter((status) => status === 401).length).toBeLessThanOrEqual(20);
    expect(all.filter((status) => status === 429).length).toBeGreaterThanOrEqual(40);
  });
});

describe('guessing as a denial of service', () => {
  it('does not lock the owner out from their usual address while someone elsewhere guesses', async () => {
    const owner = 'sekretariat@helgeland.demo';
    expect((await attempt(owner, DEMO_PASSWORD, '10.4.0.1')).status).toBe(200);

    // An attacker on six other addresses, one guess after another, as fast as answered.
    const attacker: number[] = [];
    for (let i = 0; i < 30; i++) attacker.push((await attempt(owner, `gjett-${i}`, `10.4.1.${(i % 6) + 1}`)).status);
    expect(attacker.filter((status) => status === 401).length).toBeGreaterThanOrEqual(5);
    expect(attacker.at(-1)).toBe(429);
    // Even the right password from the attacker's side now waits.
    const attackerRight = await attempt(owner, DEMO_PASSWORD, '10.4.1.1');
    expect(attackerRight.status).toBe(429);
    expect(Number(attackerRight.headers.get('retry-after'))).toBeGreaterThan(0);

    // The owner, from where they always log in, gets straight in.
    expect((await attempt(owner, DEMO_PASSWORD, '10.4.0.1')).status).toBe(200);
  });

  it('makes a guesser from one address wait after three failures, without checking the password', async () => {
    const owner = 'kommune@helgeland.demo';
    const first: number[] = [];
    for (let i = 0; i < 5; i++) first.push((await attempt(owner, `gjett-${i}`, '10.5.0.1')).status);
    expect(first.slice(0, 3)).toEqual([401, 401, 401]);
    // After three failures the next try must wait; it is refused without a password check.
    expect(first.slice(3)).toEqual([429, 429]);
  });
});
