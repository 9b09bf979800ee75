import { sectionRoomName, type SectionVersion } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/open-database.js';
import { seedDemoData } from '../demo/seed.js';
import type { RunningServer } from '../server.js';
import { createServices, type Services } from '../services.js';
import { openCaseEventStream } from '../test-support/case-event-stream.js';
import { send } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB, testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';
import { CLOSE_CODES } from '../protocol/close-codes.js';
import { SESSION_VERSION_LABEL } from './version-service.js';

const CASE = 'lvs-04-2022';
const VURDERING = 'kommunenes-vurdering';

async function versionsOf(session: TestSession, sectionId: string, caseId = CASE): Promise<SectionVersion[]> {
  const response = await send(session, 'GET', `/cases/${caseId}/sections/${sectionId}/versions`);
  expect(response.status).toBe(200);
  return (await response.json()) as SectionVersion[];
}

const sessionVersions = (versions: SectionVersion[]) => versions.filter((v) => v.label === SESSION_VERSION_LABEL);

describe(`versions when sections are created (${TEST_DB})`, () => {
  let server: RunningServer;
  let secretariat: TestSession;
  let observer: TestSession;

  beforeAll(async () => {
    server = await startTestServer();
    [secretariat, observer] = await Promise.all([
      login(server.url, DEMO.sekretariat),
      login(server.url, DEMO.observator),
    ]);
  });
  afterAll(() => server.close());

  it('gives every seeded section of 04-2022 a first version holding the paper text', async () => {
    const detail = (await (await send(observer, 'GET', `/cases/${CASE}`)).json()) as {
      sections: Array<{ id: string }>;
    };
    expect(detail.sections.length).toBe(5);
    for (const { id } of detail.sections) {
      const client = connectSectionClient(observer, CASE, id);
      await waitForSync(client);
      const text = client.text();
      client.destroy();
      const versions = await versionsOf(observer, id);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ label: 'Opprettet', kind: 'auto', createdByName: null, text, authors: [] });
      expect(text.length).toBeGreaterThan(100);
    }
  });

  it('gives a section and a case the secretariat creates through the API a first version by the secretariat', async () => {
    const added = await send(secretariat, 'POST', `/cases/${CASE}/sections`, {
      kind: 'annet',
      title: 'Økonomi',
      owner: 'shared',
    });
    expect(added.status).toBe(201);
    const section = (await added.json()) as { id: string };
    expect(await versionsOf(observer, section.id)).toEqual([
      expect.objectContaining({ label: 'Opprettet', createdByName: 'Sara Moe', text: '' }),
    ]);

    const created = await send(secretariat, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: 'Ny sak om legevakt',
      kind: 'drøftingssak',
    });
    expect(created.status).toBe(201);
    const newCase = (await created.json()) as { id: string };
    const detail = (await (await send(secretariat, 'GET', `/cases/${newCase.id}`)).json()) as {
      sections: Array<{ id: string }>;
    };
    expect(detail.sections.length).toBeGreaterThan(0);
    for (const { id } of detail.sections) {
      expect(await versionsOf(secretariat, id, newCase.id)).toEqual([
        expect.objectContaining({ label: 'Opprettet', createdByName: 'Sara Moe' }),
      ]);
    }
  });
});

describe(`a version after each editing session, over WebSocket (${TEST_DB})`, () => {
  const clients: SectionClient[] = [];
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  function editor(session: TestSession, sectionId = VURDERING): SectionClient {
    const client = connectSectionClient(session, CASE, sectionId);
    clients.push(client);
    return client;
  }

  it('after a quiet period, naming the member who typed and not the observer whose write was refused', async () => {
    const server = await startTestServer(undefined, { editingSessionQuietMs: 300 });
    try {
      const [kommune, observer, secretariat] = await Promise.all([
        login(server.url, DEMO.kommune),
        login(server.url, DEMO.observator),
        login(server.url, DEMO.sekretariat),
      ]);
      const events = await openCaseEventStream(secretariat, CASE);
      const kari = editor(kommune);
      await waitForSync(kari);
      // The observer goes around the UI with a raw update; the server refuses it.
      const hostile = await connectRawWriter(observer, CASE, VURDERING);
      hostile.client.sendUpdate(appendTextUpdate(hostile.local, ' Observatøren skriver.'));
      expect((await hostile.client.closed).code).toBe(CLOSE_CODES.writeRefused);
      kari.type(' Kommunene ber om mer tid.');

      // Kari stays connected: the quiet period, not a departure, ends the session.
      const version = await events.next(
        'version',
        (v) => v.sectionId === VURDERING && v.label === SESSION_VERSION_LABEL,
      );
      events.close();
      expect(version.authors.map((a) => a.name)).toEqual(['Kari Lind']);
      expect(version.text).toContain('Kommunene ber om mer tid.');
      expect(version.text).not.toContain('Observatøren');
      expect(version.text).toBe(kari.text());
      expect(kari.provider.wsconnected).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('when the last of two editors leaves, naming both', async () => {
    // The default quiet period (minutes): only leaving can end this session within the test.
    const server = await startTestServer();
    try {
      const [kommune, kommune2, secretariat] = await Promise.all([
        login(server.url, DEMO.kommune),
        login(server.url, 'kommune2@lvs.demo'),
        login(server.url, DEMO.sekretariat),
      ]);
      const events = await openCaseEventStream(secretariat, CASE);
      const [kari, jonas] = [editor(kommune), editor(kommune2)];
      await Promise.all([waitForSync(kari), waitForSync(jonas)]);
      kari.type(' Fra Bodø.');
      jonas.type(' Fra Vågan.');
      // Each has the other's words: the server stored both before relaying them.
      await waitFor(
        () => kari.text().includes('Fra Vågan.') && jonas.text().includes('Fra Bodø.'),
        'both edits relayed',
      );
      const text = kari.text();
      kari.destroy();
      jonas.destroy();

      const version = await events.next(
        'version',
        (v) => v.sectionId === VURDERING && v.label === SESSION_VERSION_LABEL,
      );
      events.close();
      expect(version.authors.map((a) => a.name)).toEqual(['Jonas Eide', 'Kari Lind']);
      expect(version.text).toBe(text);
    } finally {
      await server.close();
    }
  });
});

describe(`no version when a session changed nothing (${TEST_DB})`, () => {
  let services: Services;
  let kari: { userId: string; name: string };
  const room = sectionRoomName({ caseId: CASE, sectionId: VURDERING });

  beforeAll(async () => {
    const dataDir = makeTempDir();
    const sql = await openDatabase({ databaseUrl: await testDatabaseUrl(dataDir), dataDir });
    services = createServices(sql, { compactAfterUpdates: 500, invitationTtlMs: 60_000 });
    await seedDemoData(services);
    const user = (await services.users.findByEmail(DEMO.kommune))!;
    kari = { userId: user.id, name: user.name };
  });
  afterAll(async () => {
    await services.rooms.closeAll();
    await services.sql.close();
  });

  const text = (doc: Y.Doc) => (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;

  /**
   * One editing session in the live room, as the server makes changes on someone's behalf;
   * it ends when the room is left. Opening the room again waits for that end (the new join
   * queues behind the retiring room), so the versions read after it are final.
   */
  async function session(edits: Array<(doc: Y.Doc) => void>): Promise<SectionVersion[]> {
    await services.rooms.withRoom(room, async (live) => {
      for (const edit of edits) await live.change(kari, edit);
    });
    await services.rooms.withRoom(room, () => Promise.resolve(undefined));
    return sessionVersions(await services.versions.list(CASE, VURDERING));
  }

  it('keeps a version of a session that changed the text, and none of one that typed and deleted again, or only looked', async () => {
    const first = await session([(doc) => text(doc).insert(0, 'Innledningsvis: ')]);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ authors: [{ userId: kari.userId, name: 'Kari Lind' }] });

    const typedAndDeleted = await session([
      (doc) => text(doc).insert(0, 'xyz '),
      (doc) => text(doc).delete(0, 'xyz '.length),
    ]);
    expect(typedAndDeleted.map((v) => v.id)).toEqual(first.map((v) => v.id));

    const looked = await session([]);
    expect(looked.map((v) => v.id)).toEqual(first.map((v) => v.id));
  });

  it('keeps none when a named version already holds the text', async () => {
    await services.rooms.withRoom(room, async (live) => {
      await live.change(kari, (doc) => text(doc).insert(0, 'Navngitt: '));
      await services.versions.record(CASE, VURDERING, live.doc, 'Før møtet', kari.userId, 'named');
    });
    await services.rooms.withRoom(room, () => Promise.resolve(undefined));
    const versions = await services.versions.list(CASE, VURDERING);
    expect(versions[0]).toMatchObject({ label: 'Før møtet', kind: 'named' });
    expect(sessionVersions(versions)).toHaveLength(1);
  });
});
