import { decideSectionWrite, sectionRoomName, type Section } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/open-database.js';
import { seedDemoData } from '../demo/seed.js';
import { createServices, type Services } from '../services.js';
import { paragraphText, paragraphTexts } from '../test-support/section-doc.js';
import { DEMO } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB, testDatabaseUrl } from '../test-support/test-database.js';
import { WriteRefused, type RoomConnection } from './room-connection.js';
import type { SectionRoom } from './section-room.js';

const CASE = 'lvs-04-2022';

/** Every statement the services send, by text, so a test can say how many a batch costs. */
/** A kommune member's connection, decided by the shared rule with the seal the room passes. */
function member(actor: RoomConnection['actor']): RoomConnection {
  return {
    actor,
    mayWrite: (seal) =>
      Promise.resolve(decideSectionWrite({ role: 'member', side: 'kommune' }, 'shared', seal ?? null)),
    send() {},
    close() {},
  };
}

describe(`a room's statements per batch and its kept seal (${TEST_DB})`, () => {
  const seen: string[] = [];
  let services: Services;
  let section: Section;
  let room: SectionRoom;
  let client: Y.Doc;
  let connection: RoomConnection;

  beforeAll(async () => {
    const dataDir = makeTempDir();
    // Every statement either database runs, as Kysely compiled it (typed queries and the shim alike).
    const sql = await openDatabase({
      databaseUrl: await testDatabaseUrl(dataDir),
      dataDir,
      onQuery: (text) => void seen.push(text),
    });
    services = createServices(sql, { compactAfterUpdates: 10_000, invitationTtlMs: 60_000 });
    await seedDemoData(services);
    const kari = (await services.users.findByEmail(DEMO.kommune))!;
    connection = member({ userId: kari.id, name: kari.name });
    const sections = await services.cases.listSections(CASE);
    section = sections.find((s) => s.owner === 'shared' && s.kind !== 'innstilling')!;
    room = await services.rooms.open(sectionRoomName({ caseId: CASE, sectionId: section.id }), connection);
    client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
  });
  afterAll(async () => {
    await services.rooms.closeAll();
    await services.sql.close();
  });

  /** Types one character at the end of the first paragraph, as the client's own update. */
  const type = (character: string): Promise<void> => {
    let update: Uint8Array | null = null;
    const take = (u: Uint8Array) => void (update = u);
    client.on('update', take);
    const text = paragraphText(client);
    text.insert(text.length, character);
    client.off('update', take);
    return room.receive(connection, { type: 'update', update: update! });
  };
  const lockRow = () =>
    services.sql.db
      .insertInto('section_locks')
      .values({
        case_id: CASE,
        section_id: section.id,
        content_hash: 'h',
        sealed_state: Buffer.from([0, 0]),
        locked_at: new Date().toISOString(),
      })
      .execute();
  const unlockRow = () =>
    services.sql.db
      .deleteFrom('section_locks')
      .where('case_id', '=', CASE)
      .where('section_id', '=', section.id)
      .execute();
  const storedText = async () => {
    const doc = new Y.Doc();
    for (const update of await services.documents.load(room.name)) Y.applyUpdate(doc, update);
    return paragraphTexts(doc)[0];
  };

  it('stores each batch of a section that is not the wording with one statement once its seal is known', async () => {
    await type('a'); // reads the seal and whether the section is the consensus wording
    seen.length = 0;
    for (const character of 'bcdef') await type(character);
    // SQLite: the INSERT alone; PostgreSQL: the INSERT inside the seal fence's transaction.
    const appends = seen.filter((text) => /^insert into "?document_updates"?/i.test(text));
    expect(appends).toHaveLength(5);
    if (TEST_DB === 'sqlite') expect(seen).toEqual(appends);
    expect(seen.some((text) => /from "?approvals"?/i.test(text))).toBe(false);
    expect(await storedText()).toMatch(/abcdef$/);
  });

  it('applies a seal taken between two messages (as every lock is, in the room) to the very next update', async () => {
    await services.rooms.withRoom(room.name, lockRow);
    const before = await storedText();
    await expect(type('x')).rejects.toBeInstanceOf(WriteRefused);
    expect(await storedText()).toBe(before);
    // Still sealed: the seal is read for each batch, never kept, so a reopening applies at once.
    await expect(type('y')).rejects.toBeInstanceOf(WriteRefused);
    await unlockRow();
    Y.applyUpdate((client = new Y.Doc()), Y.encodeStateAsUpdate(room.doc));
    await type('z');
    expect(await storedText()).toMatch(/z$/);
  });

  it('applies a seal announced as a case event (another instance locked it) to the next update', async () => {
    await type('k'); // the room knows the section unsealed again
    await lockRow();
    services.caseEvents.publish(CASE, { type: 'case', data: (await services.cases.getCase(CASE))! });
    const before = await storedText();
    await expect(type('q')).rejects.toBeInstanceOf(WriteRefused);
    expect(await storedText()).toBe(before);
    await unlockRow();
  });
});
