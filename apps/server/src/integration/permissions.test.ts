import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { appendTextUpdate, connectRawClient, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let observer: TestSession;
const cleanup: Array<{ destroy(): void } | RawClient> = [];

beforeAll(async () => {
  server = await startTestServer();
  [kommune, sykehus, observer] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.observator),
  ]);
});

afterAll(async () => {
  for (const c of cleanup) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  await server.close();
});

function reader(session: TestSession, section: string): SectionClient {
  const client = connectSectionClient(session, CASE, section);
  cleanup.push(client);
  return client;
}

function raw(section: string, options: Parameters<typeof connectRawClient>[3]): RawClient {
  const client = connectRawClient(server.url, CASE, section, options);
  cleanup.push(client);
  return client;
}

/** The server's current copy of a section, as a fresh reader receives it. */
async function serverText(section: string): Promise<string> {
  const fresh = reader(kommune, section);
  await waitForSync(fresh);
  const text = fresh.text();
  fresh.destroy();
  return text;
}

/** Connects as `session`, receives the section, and sends one appended sentence. */
async function hostileWrite(session: TestSession, section: string, sentence: string) {
  const { client, local } = await connectRawWriter(session, CASE, section);
  cleanup.push(client);
  client.sendUpdate(appendTextUpdate(local, sentence));
  return client;
}

async function refusals(session: TestSession) {
  const response = await sessionFetch(session, `/api/cases/${CASE}/activity`);
  return ((await response.json()) as Array<{ userName: string; sectionId: string; action: string }>).filter(
    (e) => e.action === 'refused',
  );
}

describe('write permissions enforced on raw updates', () => {
  it("refuses an observer's update: not applied, not relayed, audited", async () => {
    const before = await serverText('bakgrunn');
    const watcher = reader(kommune, 'bakgrunn');
    await waitForSync(watcher);

    const hostile = await hostileWrite(observer, 'bakgrunn', ' OBSERVATØREN SKRIVER.');
    const closed = await hostile.closed;

    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/observatører/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watcher.text()).toBe(before);
    expect(await serverText('bakgrunn')).toBe(before);
    expect(await refusals(kommune)).toContainEqual(
      expect.objectContaining({ userName: 'Olga Strand', sectionId: 'bakgrunn' }),
    );
  });

  it("refuses a municipal member writing in Nordlandssykehuset HF's assessment", async () => {
    const before = await serverText('nlsh-vurdering');
    const watcher = reader(sykehus, 'nlsh-vurdering');
    await waitForSync(watcher);

    const hostile = await hostileWrite(kommune, 'nlsh-vurdering', ' Kommunen overstyrer sykehuset.');
    expect((await hostile.closed).code).toBe(4409);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watcher.text()).toBe(before);
    expect(await serverText('nlsh-vurdering')).toBe(before);
    expect(await refusals(sykehus)).toContainEqual(
      expect.objectContaining({ userName: 'Kari Lind', sectionId: 'nlsh-vurdering' }),
    );
  });

  it("accepts the same member's update to Kommunenes vurdering and relays it", async () => {
    const watcher = reader(sykehus, 'kommunenes-vurdering');
    await waitForSync(watcher);
    const writer = await hostileWrite(kommune, 'kommunenes-vurdering', ' Bodø støtter forslaget.');
    await waitFor(() => watcher.text().endsWith(' Bodø støtter forslaget.'), 'relay of the accepted update');
    expect(writer.socket.readyState).toBe(writer.socket.OPEN);
    const activity = (await (await sessionFetch(kommune, `/api/cases/${CASE}/activity`)).json()) as Array<{
      userName: string;
      sectionId: string;
      action: string;
    }>;
    expect(activity[0]).toMatchObject({ userName: 'Kari Lind', sectionId: 'kommunenes-vurdering', action: 'update' });
  });

  it('lets an observer read live without ever being refused', async () => {
    const olga = reader(observer, 'innstilling');
    await waitForSync(olga);
    expect(olga.text()).toMatch(/Partnerskapsmøtet ber strategisk samarbeidsutvalg/);
    expect(olga.provider.wsconnected).toBe(true);
  });
});

describe('who may connect', () => {
  async function expectNoContent(client: RawClient, expectedCode: number, expectedReason: RegExp) {
    const opened = await client.opened;
    if (opened) client.sendSyncStep1();
    const { code, reason } = await client.closed;
    expect(code).toBe(expectedCode);
    expect(reason).toMatch(expectedReason);
    expect(client.documentPayloads()).toEqual([]);
    expect(Buffer.concat(client.received).toString('utf8')).not.toMatch(/Kommunene|helsefelleskapet/);
  }

  it('closes a socket without a session cookie before any content', async () => {
    await expectNoContent(raw('kommunenes-vurdering', {}), 4401, /logge inn/);
  });

  it('closes a socket with a forged session cookie', async () => {
    await expectNoContent(
      raw('kommunenes-vurdering', { cookie: 'samraad_session=AAAAforfalsketAAAA' }),
      4401,
      /logge inn/,
    );
  });

  it('refuses the upgrade from a foreign Origin, even with a valid cookie', async () => {
    await expectNoContent(
      raw('kommunenes-vurdering', { session: kommune, origin: 'https://angriper.example' }),
      1006,
      /HTTP 403/,
    );
  });

  it("closes a socket to another community's case", async () => {
    const helgeland = await login(server.url, DEMO.helgelandKommune);
    await expectNoContent(raw('kommunenes-vurdering', { session: helgeland }), 4403, /ikke tilgang/);
  });

  /** How the server answers a socket to `caseId`/`section`: the close code and reason. */
  async function answer(caseId: string, section: string, options: Parameters<typeof connectRawClient>[3]) {
    const client = connectRawClient(server.url, caseId, section, options);
    cleanup.push(client);
    return client.closed;
  }

  it('answers a stranger alike for an existing section, a missing section and a missing case', async () => {
    const existing = await answer(CASE, 'kommunenes-vurdering', {});
    expect(existing.code).toBe(4401);
    expect(await answer(CASE, 'finnes-ikke', {})).toEqual(existing);
    expect(await answer('lvs-99-2099', 'innstilling', {})).toEqual(existing);
  });

  it('answers someone from another community alike for a section of a case they cannot see and one that does not exist', async () => {
    const helgeland = await login(server.url, DEMO.helgelandKommune);
    const foreign = await answer(CASE, 'kommunenes-vurdering', { session: helgeland });
    expect(foreign.code).toBe(4403);
    expect(await answer(CASE, 'finnes-ikke', { session: helgeland })).toEqual(foreign);
    expect(await answer('lvs-99-2099', 'innstilling', { session: helgeland })).toEqual(foreign);
  });
});
