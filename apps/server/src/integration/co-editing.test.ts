import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';

let server: RunningServer;
let kari: TestSession;
let olga: TestSession;
const clients: SectionClient[] = [];

function client(session = kari): SectionClient {
  const connected = connectSectionClient(session, CASE, SECTION);
  clients.push(connected);
  return connected;
}

beforeAll(async () => {
  server = await startTestServer();
  kari = await login(server.url, DEMO.kommune);
  olga = await login(server.url, DEMO.observator);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('two y-websocket clients on one section', () => {
  it('receive the seeded text of sak 04-2022', async () => {
    const reader = client();
    await waitForSync(reader);
    expect(reader.text()).toMatch(/^Kommunene i helsefelleskapet har mange/);
  });

  it('converge when they type at the same time, and a late client gets the result', async () => {
    const kommune = client();
    // Two municipal members writing Kommunenes vurdering together.
    const sykehus = client(await login(server.url, DEMO.kommune));
    await Promise.all([waitForSync(kommune), waitForSync(sykehus)]);

    // Interleaved keystrokes from both before either hears of the other.
    for (const [a, b] of [
      ['Bodø ', 'NLSH '],
      ['støtter ', 'ber om '],
      ['forslaget. ', 'utredning. '],
    ] as const) {
      kommune.type(a);
      sykehus.type(b);
    }

    await waitFor(
      () =>
        kommune.text() === sykehus.text() &&
        kommune.text().includes('utredning. ') &&
        sykehus.text().includes('forslaget. '),
      'convergence',
    );
    const converged = kommune.text();
    for (const word of ['Bodø ', 'støtter ', 'forslaget. ', 'NLSH ', 'ber om ', 'utredning. '])
      expect(converged).toContain(word);

    // An observer may not write, but reads everything live.
    const late = client(olga);
    await waitForSync(late);
    expect(late.text()).toBe(converged);
  });
});
