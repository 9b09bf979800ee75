import JSZip from 'jszip';
import type {
  CommunityWithOrganisations,
  DeclarationView,
  NotificationList,
  PublicCommunityPage,
  SessionInfo,
} from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { openDatabase } from '../db/open-database.js';
import type { Storage } from '../db/storage.js';
import { DEMO_PASSWORD } from '../demo/users.js';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync } from '../test-support/yjs-client.js';
import { createSqlUserRepository } from '../users/sql-user-repository.js';

/** Helgelandserklæringen 2023-2024, published, flagged as a declaration by the migration. */
const CASE = 'helgeland-01-2023';

let server: RunningServer & { dataDir: string };
let sql: Storage;
let secretariat: TestSession;
let observer: TestSession;
let community: CommunityWithOrganisations;
/** One signer per partner organisation, created through the users repository; each sets their own title. */
const signers = new Map<string, { session: TestSession; name: string; title: string }>();
const sockets: RawClient[] = [];
const titleFor = (side: string) => (side === 'helseforetak' ? 'Administrerende direktør' : 'Kommunedirektør');

beforeAll(async () => {
  server = await startTestServer();
  sql = await openDatabase({ databaseUrl: await testDatabaseUrl(server.dataDir), dataDir: server.dataDir });
  secretariat = await login(server.url, 'sekretariat@helgeland.demo');
  observer = await login(server.url, 'observator@helgeland.demo');
  community = (await (await send(secretariat, 'GET', '/communities/helgeland')).json()) as CommunityWithOrganisations;
  const users = createSqlUserRepository(sql);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const organisation of community.organisations) {
    const name = `Leder i ${organisation.name}`;
    const user = await users.createUser({ email: `leder@${organisation.id}.test`, name, passwordHash });
    await users.setMembership({
      userId: user.id,
      communityId: 'helgeland',
      organisationId: organisation.id,
      side: organisation.side,
      role: 'member',
    });
    signers.set(organisation.id, {
      session: await login(server.url, `leder@${organisation.id}.test`),
      name,
      title: titleFor(organisation.side),
    });
  }
});

afterAll(async () => {
  for (const socket of sockets) socket.socket.terminate();
  await sql?.close();
  await server?.close();
});

const declarationOf = async (session: TestSession, caseId = CASE) => {
  const response = await send(session, 'GET', `/cases/${caseId}/declaration`);
  expect(response.status).toBe(200);
  return (await response.json()) as DeclarationView;
};
/** The hash of the declaration text as the server shows it now: what a signer reads before signing. */
const textHash = async (caseId = CASE) =>
  (await declarationOf(secretariat, caseId)).text?.contentHash ?? '0'.repeat(64);
const sign = async (session: TestSession, organisationId: string, caseId = CASE, contentHash?: string) =>
  send(session, 'POST', `/cases/${caseId}/declaration/sign`, {
    organisationId,
    contentHash: contentHash ?? (await textHash(caseId)),
  });
const setTitle = (session: TestSession, title: string) => send(session, 'PUT', '/auth/profile', { title });

/** A section as stored, read by a fresh client. */
async function storedText(session: TestSession, caseId = CASE, sectionId = 'erklaering'): Promise<string> {
  const reader = connectSectionClient(session, caseId, sectionId);
  await waitForSync(reader);
  const text = reader.text();
  reader.destroy();
  return text;
}

/**
 * A hand-written client appends a sentence to a section; resolves with how the server closed
 * the socket (a refused write closes it, which is the barrier: the update was handled).
 */
async function hostileAppend(session: TestSession, caseId: string, sectionId: string, sentence: string) {
  const { client, local } = await connectRawWriter(session, caseId, sectionId);
  sockets.push(client);
  client.sendUpdate(appendTextUpdate(local, sentence));
  return client.closed;
}

/** Types a sentence as a real editor would and waits until the server has stored it. */
async function typeInto(session: TestSession, caseId: string, sectionId: string, sentence: string): Promise<void> {
  const editor = connectSectionClient(session, caseId, sectionId);
  await waitForSync(editor);
  editor.type(sentence);
  await waitFor(() => editor.provider.synced, 'sync');
  const started = Date.now();
  while (!(await storedText(session, caseId, sectionId)).includes(sentence)) {
    if (Date.now() - started > 5000) throw new Error('the edit never reached the server');
  }
  editor.destroy();
}

describe('declarations signed by every partner', () => {
  it('lists the hospital trust and all 17 municipalities as missing before anyone signs', async () => {
    const view = await declarationOf(observer);
    expect(view.isDeclaration).toBe(true);
    expect(view.partners).toHaveLength(18);
    expect(view.partners[0]).toMatchObject({
      organisationName: 'Helgelandssykehuset HF',
      side: 'helseforetak',
      signature: null,
    });
    expect(view.partners.filter((p) => p.side === 'kommune')).toHaveLength(17);
    expect(view).toMatchObject({ signedCount: 0, missingCount: 18, canSignFor: null, refusal: 'observer' });
  });

  it('refuses observers, the secretariat and members signing for another organisation', async () => {
    expect((await sign(observer, 'helgeland-rana')).status).toBe(403);
    const bySecretariat = await sign(secretariat, 'helgeland-rana');
    expect(bySecretariat.status).toBe(403);
    expect(await bySecretariat.json()).toMatchObject({ error: 'not-a-writer' });
    const forOther = await sign(signers.get('helgeland-rana')!.session, 'helgeland-vefsn');
    expect(forOther.status).toBe(403);
    expect(await forOther.json()).toMatchObject({ error: 'other-organisation' });
    // The demo member from Rana is a member of Rana: not of the hospital.
    expect((await sign(await login(server.url, 'kommune@helgeland.demo'), 'helgeland-hsyk')).status).toBe(403);
    expect((await sign(signers.get('helgeland-rana')!.session, 'lvs-bodo')).status).toBe(404);
    expect((await declarationOf(observer)).signedCount).toBe(0);
  });

  it("needs a title in the signer's own profile, which only they set", async () => {
    const rana = signers.get('helgeland-rana')!;
    expect(await declarationOf(rana.session)).toMatchObject({ canSignFor: null, refusal: 'no-title' });
    const untitled = await sign(rana.session, 'helgeland-rana');
    expect(untitled.status).toBe(409);
    expect(await untitled.json()).toMatchObject({ error: 'no-title' });
    expect((await setTitle(rana.session, ' ')).status).toBe(400);
    for (const { session, title } of signers.values()) {
      const saved = await setTitle(session, title);
      expect(saved.status).toBe(200);
      expect(((await saved.json()) as SessionInfo).user.title).toBe(title);
    }
    expect((await declarationOf(rana.session)).canSignFor).toBe('helgeland-rana');
    // The demo accounts carry real-looking titles of their own.
    const hege = (await (
      await send(await login(server.url, DEMO.helgelandKommune), 'GET', '/auth/session')
    ).json()) as SessionInfo;
    expect(hege.user.title).toBe('Kommunedirektør');
  });

  it('records one signature per partner, each by a member of that organisation, until none is missing', async () => {
    let expectedSigned = 0;
    for (const organisation of community.organisations) {
      const { session, name, title } = signers.get(organisation.id)!;
      expect((await declarationOf(session)).canSignFor).toBe(organisation.id);
      const response = await sign(session, organisation.id);
      expect(response.status).toBe(201);
      const view = (await response.json()) as DeclarationView;
      expectedSigned++;
      expect(view.signedCount).toBe(expectedSigned);
      expect(view.partners.find((p) => p.organisationId === organisation.id)!.signature).toMatchObject({
        userName: name,
        signerTitle: title,
        contentHash: view.text!.contentHash,
      });
      expect(view.text!.sealedAt).not.toBeNull();
      expect(view.canSignFor).toBeNull();
    }
    // Each signature asked the partners still missing: the last signer had been asked, the first never.
    const asked = async (organisationId: string) => {
      const bell = (await (
        await send(signers.get(organisationId)!.session, 'GET', '/me/notifications')
      ).json()) as NotificationList;
      return bell.items.some((n) => n.kind === 'signature-needed' && n.caseId === CASE);
    };
    expect(await asked(community.organisations.at(-1)!.id)).toBe(true);
    expect(await asked(community.organisations[0]!.id)).toBe(false);
    const done = await declarationOf(observer);
    expect(done).toMatchObject({ signedCount: 18, missingCount: 0 });
  });

  it('refuses every write to the signed text of a published declaration, and the public page shows what was signed', async () => {
    const signed = (await declarationOf(observer)).text!;
    const before = await storedText(observer);
    // A municipal member who did not sign herself (her organisation's leader did).
    const hege = await login(server.url, DEMO.helgelandKommune);
    const byMember = await hostileAppend(hege, CASE, 'erklaering', ' Kommunen forplikter seg IKKE.');
    expect(byMember.code).toBe(4409);
    const bySecretariat = await hostileAppend(secretariat, CASE, 'erklaering', ' Sekretariatet retter.');
    expect(bySecretariat.code).toBe(4409);
    const bySigner = await hostileAppend(
      signers.get('helgeland-hsyk')!.session,
      CASE,
      'erklaering',
      ' Helseforetaket forplikter seg IKKE.',
    );
    expect(bySigner.code).toBe(4409);
    // Each socket was closed for its update, so the updates were handled: none was stored.
    expect(await storedText(observer)).toBe(before);
    expect((await declarationOf(observer)).text).toEqual(signed);

    const page = (await (await fetch(`${server.url}/api/public/communities/helgeland`)).json()) as PublicCommunityPage;
    const published = page.cases.find((c) => c.id === CASE)!;
    const shown = published.sections.find((section) => section.id === 'erklaering')!;
    expect(shown.blocks).toEqual(signed.sections[0]!.blocks);
    expect(JSON.stringify(shown.blocks)).not.toContain('IKKE');
    expect(published.signatories).toHaveLength(18);

    // Nor can the sealed section be renamed, re-owned or deleted around the seal.
    expect(
      (await send(secretariat, 'PATCH', `/cases/${CASE}/sections/erklaering`, { title: 'Annen erklæring' })).status,
    ).toBe(409);
    expect((await send(secretariat, 'DELETE', `/cases/${CASE}/sections/erklaering`)).status).toBe(409);
  });

  it('refuses a second signature for the same organisation', async () => {
    const again = await sign(signers.get('helgeland-vefsn')!.session, 'helgeland-vefsn');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already-signed' });
  });

  it('lets only the signing organisation withdraw its signature, keeps the withdrawal, and lets it sign again', async () => {
    const vefsn = signers.get('helgeland-vefsn')!;
    const withdraw = (session: TestSession, organisationId = 'helgeland-vefsn') =>
      send(session, 'DELETE', `/cases/${CASE}/declaration/signatures/${organisationId}`);
    expect((await declarationOf(vefsn.session)).canWithdrawFor).toBe('helgeland-vefsn');
    expect((await declarationOf(observer)).canWithdrawFor).toBeNull();
    expect((await withdraw(observer)).status).toBe(403);
    expect((await withdraw(secretariat)).status).toBe(403);
    expect(await (await withdraw(signers.get('helgeland-rana')!.session)).json()).toMatchObject({
      error: 'other-organisation',
    });
    expect((await withdraw(vefsn.session, 'lvs-bodo')).status).toBe(404);

    const response = await withdraw(vefsn.session);
    expect(response.status).toBe(200);
    const view = (await response.json()) as DeclarationView;
    expect(view).toMatchObject({
      signedCount: 17,
      missingCount: 1,
      canSignFor: 'helgeland-vefsn',
      canWithdrawFor: null,
    });
    expect(view.withdrawals).toEqual([
      expect.objectContaining({
        organisationId: 'helgeland-vefsn',
        signedByName: vefsn.name,
        withdrawnByName: vefsn.name,
        signerTitle: 'Kommunedirektør',
        contentHash: view.text!.contentHash,
      }),
    ]);
    expect(await (await withdraw(vefsn.session)).json()).toMatchObject({ error: 'not-signed' });

    expect((await sign(vefsn.session, 'helgeland-vefsn')).status).toBe(201);
    const after = await declarationOf(observer);
    expect(after).toMatchObject({ signedCount: 18, missingCount: 0 });
    expect(after.withdrawals).toHaveLength(1);
  });

  it('lists the signatories in the exported paper, as the Helgeland paper does', async () => {
    const response = await sessionFetch(observer, `/api/cases/${CASE}/export.docx`);
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text).toContain('Signert av partnerne');
    expect(text).toContain('Kommunedirektør Sømna kommune\nLeder i Sømna kommune');
    expect(text).toContain('Administrerende direktør Helgelandssykehuset HF\nLeder i Helgelandssykehuset HF');
    expect(text).not.toContain('Mangler signatur');
  });

  it('refuses signing an ordinary case and a declaration whose wording is not agreed yet', async () => {
    // lvs has its own secretariat; Helgeland has one case only, so create a second.
    const created = await send(secretariat, 'POST', '/communities/helgeland/cases', {
      body: 'SSU',
      title: 'Handlingsplan 2024',
      kind: 'beslutningssak',
      number: '02-2023',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const rana = signers.get('helgeland-rana')!.session;
    expect(await (await sign(rana, 'helgeland-rana', id)).json()).toMatchObject({ error: 'not-a-declaration' });
    expect((await send(rana, 'PUT', `/cases/${id}/declaration`, { isDeclaration: true })).status).toBe(403);
    expect((await send(secretariat, 'PUT', `/cases/${id}/declaration`, { isDeclaration: true })).status).toBe(200);
    const early = await sign(rana, 'helgeland-rana', id);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: 'not-agreed' });
    expect(await declarationOf(rana, id)).toMatchObject({
      isDeclaration: true,
      missingCount: 18,
      refusal: 'not-agreed',
    });
  });
});

describe('the signed text of a declaration in konsensus', () => {
  let caseId = '';
  let declarationSection = '';
  let sykehus: TestSession;
  let hege: TestSession;

  it('is open until the first signature, and a signature on text that changed since it was read is refused', async () => {
    [sykehus, hege] = await Promise.all([
      login(server.url, 'sykehus@helgeland.demo'),
      login(server.url, DEMO.helgelandKommune),
    ]);
    const created = await send(secretariat, 'POST', '/communities/helgeland/cases', {
      body: 'Partnerskapsmøte',
      title: 'Helgelandserklæringen 2025-2026',
      kind: 'beslutningssak',
      number: '03-2023',
    });
    expect(created.status).toBe(201);
    caseId = ((await created.json()) as { id: string }).id;
    expect((await send(secretariat, 'PUT', `/cases/${caseId}/declaration`, { isDeclaration: true })).status).toBe(200);
    const added = await send(secretariat, 'POST', `/cases/${caseId}/sections`, {
      kind: 'erklaering',
      title: 'Helgelandserklæringen 2025-2026',
      owner: 'shared',
    });
    expect(added.status).toBe(201);
    declarationSection = ((await added.json()) as { id: string }).id;
    await typeInto(hege, caseId, declarationSection, 'Partene forplikter seg til felles planlegging.');
    // Both sides agree to one step, approve the recommendation, and the case reaches konsensus.
    for (const session of [hege, sykehus])
      expect((await send(session, 'POST', `/cases/${caseId}/consensus/one-step`)).status).toBe(201);
    expect((await send(secretariat, 'PUT', `/cases/${caseId}/status`, { status: 'til_beslutning' })).status).toBe(200);
    for (const session of [hege, sykehus]) {
      const { currentHash } = (await (await send(session, 'GET', `/cases/${caseId}/consensus`)).json()) as {
        currentHash: string;
      };
      expect(
        (await send(session, 'POST', `/cases/${caseId}/consensus/approvals`, { contentHash: currentHash })).status,
      ).toBe(201);
    }
    expect((await declarationOf(observer, caseId)).refusal).toBe('observer');

    const read = await textHash(caseId);
    await typeInto(hege, caseId, declarationSection, ' Rettet før signering.');
    const rana = signers.get('helgeland-rana')!.session;
    const stale = await sign(rana, 'helgeland-rana', caseId, read);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: 'stale-text' });
    expect(await declarationOf(observer, caseId)).toMatchObject({ signedCount: 0, text: { sealedAt: null } });
  });

  it('is sealed by the first signature: every write is refused, for every role', async () => {
    const rana = signers.get('helgeland-rana')!.session;
    const signed = await sign(rana, 'helgeland-rana', caseId);
    expect(signed.status).toBe(201);
    const view = (await signed.json()) as DeclarationView;
    expect(view.text!.sealedAt).not.toBeNull();
    expect(view.text!.sections.map((section) => section.title)).toEqual(['Helgelandserklæringen 2025-2026']);
    const before = await storedText(observer, caseId, declarationSection);
    expect(before).toContain('Rettet før signering.');
    for (const session of [hege, sykehus, secretariat, rana, signers.get('helgeland-vefsn')!.session]) {
      expect((await hostileAppend(session, caseId, declarationSection, ' forplikter seg IKKE.')).code).toBe(4409);
    }
    expect((await hostileAppend(observer, caseId, declarationSection, ' forplikter seg IKKE.')).code).toBe(4409);
    expect(await storedText(observer, caseId, declarationSection)).toBe(before);
    expect((await declarationOf(observer, caseId)).text).toEqual(view.text);
    // Other sections are not part of the signed text.
    const detail = (await (await send(hege, 'GET', `/cases/${caseId}`)).json()) as {
      sections: Array<{ id: string; kind: string }>;
    };
    await typeInto(
      hege,
      caseId,
      detail.sections.find((section) => section.kind === 'bakgrunn')!.id,
      ' Bakgrunnen kan fortsatt skrives.',
    );
  });

  it('opens again when the last signature is withdrawn, and a new signature binds the corrected text', async () => {
    const rana = signers.get('helgeland-rana')!.session;
    const sealedHash = (await declarationOf(observer, caseId)).text!.contentHash;
    const withdrawn = await send(rana, 'DELETE', `/cases/${caseId}/declaration/signatures/helgeland-rana`);
    expect(withdrawn.status).toBe(200);
    const open = (await withdrawn.json()) as DeclarationView;
    expect(open.text!.sealedAt).toBeNull();
    expect(open.withdrawals[0]).toMatchObject({ organisationId: 'helgeland-rana', contentHash: sealedHash });

    await typeInto(hege, caseId, declarationSection, ' Rettet etter tilbaketrekning.');
    const corrected = await textHash(caseId);
    expect(corrected).not.toBe(sealedHash);
    expect(await (await sign(rana, 'helgeland-rana', caseId, sealedHash)).json()).toMatchObject({
      error: 'stale-text',
    });
    const again = (await (await sign(rana, 'helgeland-rana', caseId, corrected)).json()) as DeclarationView;
    expect(again.partners.find((p) => p.organisationId === 'helgeland-rana')!.signature).toMatchObject({
      contentHash: corrected,
      signerTitle: 'Kommunedirektør',
    });
    expect((await hostileAppend(hege, caseId, declarationSection, ' forplikter seg IKKE.')).code).toBe(4409);
  });

  it('keeps the title a signer had when signing, whatever their profile says later', async () => {
    const vefsn = signers.get('helgeland-vefsn')!;
    expect((await setTitle(vefsn.session, 'Konstituert kommunedirektør')).status).toBe(200);
    expect((await sign(vefsn.session, 'helgeland-vefsn', caseId)).status).toBe(201);
    expect((await setTitle(vefsn.session, 'Kommunedirektør')).status).toBe(200);
    const view = await declarationOf(observer, caseId);
    expect(view.partners.find((p) => p.organisationId === 'helgeland-vefsn')!.signature!.signerTitle).toBe(
      'Konstituert kommunedirektør',
    );
  });
});
