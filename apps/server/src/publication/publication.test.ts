import JSZip from 'jszip';
import {
  sectionRoomName,
  type Case,
  type ConsensusState,
  type MeetingDetail,
  type PublicCommunityPage,
  type PublicationState,
  type SectionVersion,
  sectionNodesText,
} from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/open-database.js';
import type { Storage } from '../db/storage.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';
import { applyStored } from '../persistence/stored-state.js';
import { sectionText } from '../sections/content.js';
import type { RunningServer } from '../server.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { pdfText } from '../test-support/pdf-render.js';
import { appendTextUpdate, connectRawWriter, syncRoundTrip, type RawClient } from '../test-support/raw-client.js';
import {
  DEMO,
  login,
  loginDemoRoles,
  sessionFetch,
  type DemoRoles,
  type TestSession,
} from '../test-support/session.js';
import { testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const WRITE_REFUSED = 4409;

let server: RunningServer & { dataDir: string };
let roles: DemoRoles;
let kommune2: TestSession;
/** A second connection to the server's database, to read and forge what is stored. */
let sql: Storage;
const cleanup: Array<SectionClient | RawClient> = [];

beforeAll(async () => {
  server = await startTestServer();
  roles = await loginDemoRoles(server.url);
  kommune2 = await login(server.url, 'kommune2@lvs.demo');
  sql = await openDatabase({ databaseUrl: await testDatabaseUrl(server.dataDir), dataDir: server.dataDir });
});

afterAll(async () => {
  for (const c of cleanup) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  await server?.close();
  await sql?.close();
});

async function json<T>(response: Response, status = 200): Promise<T> {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const publicationOf = async (session: TestSession, caseId = CASE) =>
  json<PublicationState>(await send(session, 'GET', `/cases/${caseId}/publication`));

/** The section as the server serves it to a new client (its live copy, which is what it stored). */
async function serverText(section: string, caseId = CASE): Promise<string> {
  const fresh = connectSectionClient(roles.observator, caseId, section);
  cleanup.push(fresh);
  await waitForSync(fresh);
  const text = fresh.text();
  fresh.destroy();
  return text;
}

/** The section as stored in the database, read past the server. */
async function storedText(section: string): Promise<string> {
  const doc = new Y.Doc();
  applyStored(doc, await createSqlDocumentStore(sql).load(sectionRoomName({ caseId: CASE, sectionId: section })));
  return sectionText(doc);
}

async function rawWriter(
  session: TestSession,
  section: string,
  caseId = CASE,
): Promise<{ client: RawClient; local: Y.Doc }> {
  const writer = await connectRawWriter(session, caseId, section);
  cleanup.push(writer.client);
  return writer;
}

async function publicPage(): Promise<PublicCommunityPage> {
  return json<PublicCommunityPage>(await fetch(`${server.url}/api/public/communities/lvs`));
}

/** Plain text of a public case's section, one line per paragraph or list item, as sectionText gives. */
function publicText(page: PublicCommunityPage, caseId: string, sectionId: string): string {
  const section = page.cases.find((c) => c.id === caseId)?.sections.find((s) => s.id === sectionId);
  if (!section) throw new Error(`${caseId}/${sectionId} is not on the public page`);
  return sectionNodesText(section.blocks);
}

/**
 * A hostile member writes into a section of the published case: the server closes the socket
 * with the write-refused code and the publication as the reason, and a watcher who was there
 * all along, after a sync round trip, has seen nothing of it, nor does a new client.
 */
async function expectRefusedWrite(session: TestSession, section: string, forged: string, caseId = CASE): Promise<void> {
  const before = await serverText(section, caseId);
  const watcher = await rawWriter(roles.observator, section, caseId);
  const { client, local } = await rawWriter(session, section, caseId);
  client.sendUpdate(appendTextUpdate(local, forged));
  const closed = await client.closed;
  expect(closed.code).toBe(WRITE_REFUSED);
  expect(closed.reason).toMatch(/publisert/);
  await syncRoundTrip(watcher.client, watcher.local);
  expect(sectionText(watcher.local)).toBe(before);
  expect(await serverText(section, caseId)).toBe(before);
}

describe('the demo data obeys the rules it demonstrates', () => {
  it.each([
    ['lvs-06-2021', 'anbefaling', 'Sara Moe', ['Kari Lind', 'Nils Berg']],
    ['helgeland-01-2023', 'anbefaling', 'Tone Vik', ['Hege Nordvik', 'Per Aune']],
  ])(
    '%s is published with both sides approving the locked wording, and frozen',
    async (caseId, wording, publisher, approvers) => {
      const session = caseId.startsWith('helgeland') ? await login(server.url, DEMO.helgelandKommune) : roles.kommune;
      const consensus = await consensusOf(session, caseId);
      expect(consensus.status).toBe('publisert');
      const lock = consensus.locks.find((l) => l.sectionId === wording)!;
      expect(lock).toBeDefined();
      const standing = consensus.approvals.filter((a) => a.voidedAt === null);
      expect(standing.map((a) => a.side).sort()).toEqual(['helseforetak', 'kommune']);
      expect(standing.map((a) => a.userName).sort()).toEqual(approvers);
      for (const approval of standing) expect(approval.contentHash).toBe(lock.contentHash);
      const publication = await publicationOf(session, caseId);
      expect(publication.frozen).toBe(true);
      expect(publication.publications.map((p) => [p.sequence, p.publishedByName])).toEqual([[1, publisher]]);
    },
  );
});

describe('publishing freezes the text', () => {
  let frozenBakgrunn: string;
  let early: { client: RawClient; local: Y.Doc };

  beforeAll(async () => {
    // A socket opened while the case could still be written, that will send after publication.
    early = await rawWriter(roles.kommune, 'bakgrunn');
  });

  it('takes 04-2022 through the decision round and publishes it, recording every section with its hash', async () => {
    expect((await moveCase(roles.sekretariat, CASE, 'til_beslutning')).status).toBe(200);
    const { currentHash } = await consensusOf(roles.kommune, CASE);
    expect((await approve(roles.kommune, CASE, currentHash!)).status).toBe(201);
    expect((await approve(roles.sykehus, CASE, currentHash!)).status).toBe(201);
    // Only the secretariat publishes.
    expect((await moveCase(roles.kommune, CASE, 'publisert')).status).toBe(403);
    const published = await json<Case>(await moveCase(roles.sekretariat, CASE, 'publisert'));
    expect(published.status).toBe('publisert');

    const state = await publicationOf(roles.observator);
    expect(state.frozen).toBe(true);
    expect(state.publications).toHaveLength(1);
    expect(state.publications[0]).toMatchObject({ sequence: 1, publishedByName: 'Sara Moe', correctionId: null });
    const rows = await sql.db
      .selectFrom('published_sections')
      .select(['section_id', 'content_hash'])
      .where('publication_id', '=', state.publications[0]!.id)
      .orderBy('section_id')
      .execute();
    expect(rows.map((r) => r.section_id)).toEqual([
      'bakgrunn',
      'innledning',
      'innstilling',
      'kommunenes-vurdering',
      'nlsh-vurdering',
    ]);
    for (const row of rows) expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    // The frozen wording is the locked one, byte for byte.
    const consensus = await consensusOf(roles.kommune, CASE);
    expect(rows.find((r) => r.section_id === 'innstilling')!.content_hash).toBe(
      consensus.locks.find((l) => l.sectionId === 'innstilling')!.contentHash,
    );
    const versions = await json<SectionVersion[]>(
      await send(roles.kommune, 'GET', `/cases/${CASE}/sections/bakgrunn/versions`),
    );
    expect(versions[0]!.label).toBe('Publisert');
    frozenBakgrunn = await serverText('bakgrunn');
  });

  it('refuses a raw update from a member to their own assessment and to shared text: not stored, not relayed', async () => {
    await expectRefusedWrite(roles.kommune, 'kommunenes-vurdering', ' SMUGLET INN I EGEN VURDERING.');
    await expectRefusedWrite(roles.kommune, 'bakgrunn', ' SMUGLET INN I FELLES TEKST.');
    await expectRefusedWrite(roles.sykehus, 'nlsh-vurdering', ' SYKEHUSET ENDRER ETTER PUBLISERING.');
    await expectRefusedWrite(roles.sykehus, 'innledning', ' SYKEHUSET ENDRER INNLEDNINGEN.');
    await expectRefusedWrite(roles.sekretariat, 'bakgrunn', ' SEKRETARIATET RETTER I STILLHET.');
    await expectRefusedWrite(roles.observator, 'innledning', ' OBSERVATØREN SKRIVER.');
  });

  it('refuses an update from a socket that connected before publication', async () => {
    early.client.sendUpdate(appendTextUpdate(early.local, ' Sendt etter publisering.'));
    const closed = await early.client.closed;
    expect(closed.code).toBe(WRITE_REFUSED);
    expect(closed.reason).toMatch(/publisert/);
    expect(await serverText('bakgrunn')).toBe(frozenBakgrunn);
  });

  it('refuses every change to the header and the sections through the API, and restoring a version', async () => {
    const refusals = [
      await send(roles.sekretariat, 'PATCH', `/cases/${CASE}`, { title: 'Ny tittel etter publisering' }),
      await send(roles.sekretariat, 'POST', `/cases/${CASE}/sections`, {
        kind: 'bakgrunn',
        title: 'Tillegg',
        owner: 'shared',
      }),
      await send(roles.sekretariat, 'PATCH', `/cases/${CASE}/sections/bakgrunn`, { title: 'Ny bakgrunn' }),
      await send(roles.sekretariat, 'PATCH', `/cases/${CASE}/sections/innledning`, { position: 0 }),
      await send(roles.sekretariat, 'DELETE', `/cases/${CASE}/sections/innledning`),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(409);
      expect(((await response.json()) as { error: string }).error).toBe('case-published');
    }
    const detail = await json<{ case: Case; sections: Array<{ id: string; title: string }> }>(
      await send(roles.kommune, 'GET', `/cases/${CASE}`),
    );
    expect(detail.case.title).toBe('Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten');
    expect(detail.sections.map((s) => s.title)).toContain('Bakgrunn');

    const versions = await json<SectionVersion[]>(
      await send(roles.kommune, 'GET', `/cases/${CASE}/sections/bakgrunn/versions`),
    );
    const restore = await send(
      roles.kommune,
      'POST',
      `/cases/${CASE}/sections/bakgrunn/versions/${versions[versions.length - 1]!.id}/restore`,
    );
    expect(restore.status).toBe(409);
    expect(((await restore.json()) as { error: string }).error).toBe('published');
  });

  it('publishes only once: a second publication needs a confirmed correction', async () => {
    expect((await moveCase(roles.sekretariat, CASE, 'publisert')).status).toBe(409);
    expect((await send(roles.sekretariat, 'POST', `/cases/${CASE}/publication/republish`)).status).toBe(409);
  });

  it('serves the public page and every export from the frozen version, even when the stored document differs', async () => {
    // Forge the live document behind the server's back, straight into the database: a read
    // of the live document would now show this sentence.
    const forged = ' FORFALSKET I DATABASEN.';
    const store = createSqlDocumentStore(sql);
    const room = sectionRoomName({ caseId: CASE, sectionId: 'bakgrunn' });
    const live = new Y.Doc();
    applyStored(live, await store.load(room));
    await store.append(room, appendTextUpdate(live, forged));
    expect(await storedText('bakgrunn')).toContain(forged);

    const page = await publicPage();
    expect(publicText(page, CASE, 'bakgrunn')).toBe(frozenBakgrunn);
    expect(page.cases.find((c) => c.id === CASE)).toMatchObject({
      correctedAt: null,
      title: 'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
    });

    const firstSentence = frozenBakgrunn.slice(0, 60);
    const papers = [
      pdfText(Buffer.from(await (await fetch(`${server.url}/api/public/cases/${CASE}/export.pdf`)).arrayBuffer())),
      pdfText(Buffer.from(await (await sessionFetch(roles.kommune, `/api/cases/${CASE}/export.pdf`)).arrayBuffer())),
      await docxText(await sessionFetch(roles.kommune, `/api/cases/${CASE}/export.docx`)),
    ];
    for (const paper of papers) {
      const flat = paper.replace(/\s+/g, ' ');
      expect(flat).toContain(firstSentence);
      expect(flat).not.toContain('FORFALSKET');
    }
    // The meeting export and "Hent vedtak" read published cases the same way.
    const { meeting } = await json<MeetingDetail>(
      await send(roles.sekretariat, 'POST', '/communities/lvs/meetings', {
        bodyId: 'lvs-partnerskapsmote',
        date: '2022-10-25',
        place: 'Bodø',
      }),
      201,
    );
    expect((await send(roles.sekretariat, 'PUT', `/meetings/${meeting.id}/agenda`, { caseIds: [CASE] })).status).toBe(
      200,
    );
    const meetingPaper = await docxText(await sessionFetch(roles.kommune, `/api/meetings/${meeting.id}/export.docx`));
    expect(meetingPaper).toContain(firstSentence);
    expect(meetingPaper).not.toContain('FORFALSKET');
  });
});

async function docxText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('a correction after publication', () => {
  const correctionText = ' Rettet: SSU rapporterer til partnerskapsmøtet.';
  let requestId: string;

  it('is asked for by a member of one side with a reason; observers and the secretariat cannot ask', async () => {
    const reason = { reason: 'Bakgrunnen mangler at SSU rapporterer tilbake.' };
    expect((await send(roles.observator, 'POST', `/cases/${CASE}/publication/corrections`, reason)).status).toBe(403);
    expect((await send(roles.sekretariat, 'POST', `/cases/${CASE}/publication/corrections`, reason)).status).toBe(403);
    expect((await send(roles.kommune, 'POST', `/cases/${CASE}/publication/corrections`, { reason: '' })).status).toBe(
      400,
    );
    const state = await json<PublicationState>(
      await send(roles.kommune, 'POST', `/cases/${CASE}/publication/corrections`, reason),
      201,
    );
    expect(state.openCorrection).toMatchObject({
      side: 'kommune',
      requestedByName: 'Kari Lind',
      reason: reason.reason,
      confirmedAt: null,
    });
    expect(state.frozen).toBe(true);
    requestId = state.openCorrection!.id;
    expect((await send(roles.sykehus, 'POST', `/cases/${CASE}/publication/corrections`, reason)).status).toBe(409);
  });

  it('leaves the text frozen until the other side confirms; the asking side cannot confirm', async () => {
    await expectRefusedWrite(roles.kommune, 'bakgrunn', ' FØR BEKREFTELSEN.');
    expect((await send(kommune2, 'POST', `/cases/${CASE}/publication/corrections/${requestId}/confirm`)).status).toBe(
      403,
    );
    expect(
      (await send(roles.observator, 'POST', `/cases/${CASE}/publication/corrections/${requestId}/confirm`)).status,
    ).toBe(403);
    expect((await publicationOf(roles.kommune)).frozen).toBe(true);
  });

  it('opens the text for correction once the other side confirms; the public page keeps the published version', async () => {
    const state = await json<PublicationState>(
      await send(roles.sykehus, 'POST', `/cases/${CASE}/publication/corrections/${requestId}/confirm`),
    );
    expect(state.frozen).toBe(false);
    expect(state.openCorrection).toBeNull();
    expect(state.corrections[0]).toMatchObject({ confirmedByName: 'Nils Berg' });
    expect(
      (await send(roles.sykehus, 'POST', `/cases/${CASE}/publication/corrections/${requestId}/confirm`)).status,
    ).toBe(409);

    const editor = connectSectionClient(roles.kommune, CASE, 'bakgrunn');
    cleanup.push(editor);
    await waitForSync(editor);
    const before = editor.text();
    editor.type(correctionText);
    // The correction is stored: a new client sees it.
    await expect.poll(() => serverText('bakgrunn'), { timeout: 5000 }).toContain(correctionText.trim());
    expect(before).not.toContain(correctionText.trim());
    // The consensus lock is its own rule: a correction does not open the agreed wording.
    const consensus: ConsensusState = await consensusOf(roles.kommune, CASE);
    expect(consensus.locks.map((l) => l.sectionId)).toContain('innstilling');
    const page = await publicPage();
    expect(publicText(page, CASE, 'bakgrunn')).not.toContain(correctionText.trim());
  });

  it('is published again by the secretariat as a new frozen version, shown as corrected on the public page', async () => {
    expect((await send(roles.kommune, 'POST', `/cases/${CASE}/publication/republish`)).status).toBe(403);
    const republished = await json<Case>(await send(roles.sekretariat, 'POST', `/cases/${CASE}/publication/republish`));
    expect(republished.status).toBe('publisert');
    const state = await publicationOf(roles.observator);
    expect(state.frozen).toBe(true);
    expect(state.publications.map((p) => [p.sequence, p.correctionId])).toEqual([
      [1, null],
      [2, requestId],
    ]);
    // What was stored when the secretariat published again (the forgery above included: it is
    // in the stored document, which is what a publication freezes).
    const corrected = await storedText('bakgrunn');
    expect(corrected).toContain(correctionText.trim());
    const page = await publicPage();
    expect(publicText(page, CASE, 'bakgrunn')).toBe(corrected);
    expect(page.cases.find((c) => c.id === CASE)!.correctedAt).toBe(state.publications[1]!.publishedAt);
    await expectRefusedWrite(roles.sykehus, 'bakgrunn', ' ETTER NY PUBLISERING.');
  });
});
