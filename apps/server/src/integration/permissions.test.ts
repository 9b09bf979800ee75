import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { buildCase, type BuiltCase } from '../test-support/builders.js';
import { appendTextUpdate, connectRawClient, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

let server: RunningServer;
/** A case of this file's own, in discussion: wording, background and each side's assessment. */
let built: BuiltCase;
let CASE: string;
let sections: BuiltCase['sections'];
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
  const secretariat = await login(server.url, DEMO.sekretariat);
  built = await buildCase({ secretariat, kommune, helseforetak: sykehus }, { status: 'til_drofting' });
  ({ id: CASE, sections } = built);
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

const BARRIER = ' Barriere.';

/** Sends a sentence `session` may write after a refused one, and waits until `watcher` has it. */
async function acceptedAfter(session: TestSession, section: string, watcher: SectionClient): Promise<void> {
  const writer = await hostileWrite(session, section, BARRIER);
  await waitFor(() => watcher.text().endsWith(BARRIER), 'the accepted sentence after the refused one');
  writer.socket.terminate();
}

async function refusals(session: TestSession) {
  const response = await sessionFetch(session, `/api/cases/${CASE}/activity`);
  return ((await response.json()) as Array<{ userName: string; sectionId: string; action: string }>).filter(
    (e) => e.action === 'refused',
  );
}

describe('write permissions enforced on raw updates', () => {
  it("refuses an observer's update: not applied, not relayed, audited", async () => {
    const before = await serverText(sections.background!);
    const watcher = reader(kommune, sections.background!);
    await waitForSync(watcher);

    const hostile = await hostileWrite(observer, sections.background!, ' OBSERVATØREN SKRIVER.');
    const closed = await hostile.closed;

    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/observatører/);
    // Barrier: an accepted sentence after the refused one reaches the watcher; the room relays
    // in order, so the refused one would have arrived first.
    await acceptedAfter(kommune, sections.background!, watcher);
    expect(watcher.text()).toBe(`${before}${BARRIER}`);
    expect(await serverText(sections.background!)).toBe(`${before}${BARRIER}`);
    expect(await refusals(kommune)).toContainEqual(
      expect.objectContaining({ userName: 'Olga Strand', sectionId: sections.background }),
    );
  });

  it("refuses a municipal member writing in Nordlandssykehuset HF's assessment", async () => {
    const before = await serverText(sections.hospital!);
    const watcher = reader(sykehus, sections.hospital!);
    await waitForSync(watcher);

    const hostile = await hostileWrite(kommune, sections.hospital!, ' Kommunen overstyrer sykehuset.');
    expect((await hostile.closed).code).toBe(4409);

    await acceptedAfter(sykehus, sections.hospital!, watcher);
    expect(watcher.text()).toBe(`${before}${BARRIER}`);
    expect(await serverText(sections.hospital!)).toBe(`${before}${BARRIER}`);
    expect(await refusals(sykehus)).toContainEqual(
      expect.objectContaining({ userName: 'Kari Lind', sectionId: sections.hospital! }),
    );
  });

  it("accepts the same member's update to Kommunenes vurdering and relays it", async () => {
    const watcher = reader(sykehus, sections.municipal!);
    await waitForSync(watcher);
    const writer = await hostileWrite(kommune, sections.municipal!, ' Bodø støtter forslaget.');
    await waitFor(() => watcher.text().endsWith(' Bodø støtter forslaget.'), 'relay of the accepted update');
    expect(writer.socket.readyState).toBe(writer.socket.OPEN);
    const activity = (await (await sessionFetch(kommune, `/api/cases/${CASE}/activity`)).json()) as Array<{
      userName: string;
      sectionId: string;
      action: string;
    }>;
    expect(activity[0]).toMatchObject({ userName: 'Kari Lind', sectionId: sections.municipal!, action: 'update' });
  });

  it('lets an observer read live without ever being refused', async () => {
    const olga = reader(observer, sections.wording!);
    await waitForSync(olga);
    expect(olga.text()).toBe(built.texts.wording);
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
    expect(Buffer.concat(client.received).toString('utf8')).not.toContain(built.texts.municipal);
  }

  it('closes a socket without a session cookie before any content', async () => {
    await expectNoContent(raw(sections.municipal!, {}), 4401, /logge inn/);
  });

  it('closes a socket with a forged session cookie', async () => {
    await expectNoContent(
      raw(sections.municipal!, { cookie: 'samraad_session=AAAAforfalsketAAAA' }),
      4401,
      /logge inn/,
    );
  });

  it('refuses the upgrade from a foreign Origin, even with a valid cookie', async () => {
    await expectNoContent(
      raw(sections.municipal!, { session: kommune, origin: 'https://angriper.example' }),
      1006,
      /HTTP 403/,
    );
  });

  it("closes a socket to another community's case", async () => {
    const helgeland = await login(server.url, DEMO.helgelandKommune);
    await expectNoContent(raw(sections.municipal!, { session: helgeland }), 4403, /ikke tilgang/);
  });

  /** How the server answers a socket to `caseId`/`section`: the close code and reason. */
  async function answer(caseId: string, section: string, options: Parameters<typeof connectRawClient>[3]) {
    const client = connectRawClient(server.url, caseId, section, options);
    cleanup.push(client);
    return client.closed;
  }

  it('answers a stranger alike for an existing section, a missing section and a missing case', async () => {
    const existing = await answer(CASE, sections.municipal!, {});
    expect(existing.code).toBe(4401);
    expect(await answer(CASE, 'finnes-ikke', {})).toEqual(existing);
    expect(await answer('lvs-99-2099', 'innstilling', {})).toEqual(existing);
  });

  it('answers someone from another community alike for a section of a case they cannot see and one that does not exist', async () => {
    const helgeland = await login(server.url, DEMO.helgelandKommune);
    const foreign = await answer(CASE, sections.municipal!, { session: helgeland });
    expect(foreign.code).toBe(4403);
    expect(await answer(CASE, 'finnes-ikke', { session: helgeland })).toEqual(foreign);
    expect(await answer('lvs-99-2099', 'innstilling', { session: helgeland })).toEqual(foreign);
  });
});
