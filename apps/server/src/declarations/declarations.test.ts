import JSZip from 'jszip';
import type { CommunityWithOrganisations, DeclarationView } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { openDatabase } from '../db/open-database.js';
import type { SqlClient } from '../db/sql-client.js';
import { DEMO_PASSWORD } from '../demo/users.js';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { login, sessionFetch, type TestSession } from '../test-support/session.js';
import { testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { createSqlUserRepository } from '../users/sql-user-repository.js';

/** Helgelandserklæringen 2023-2024, published, flagged as a declaration by the migration. */
const CASE = 'helgeland-01-2023';

let server: RunningServer & { dataDir: string };
let sql: SqlClient;
let secretariat: TestSession;
let observer: TestSession;
let community: CommunityWithOrganisations;
/** One signer per partner organisation, created through the users repository. */
const signers = new Map<string, { session: TestSession; name: string }>();

beforeAll(async () => {
  server = await startTestServer();
  sql = await openDatabase({ databaseUrl: await testDatabaseUrl(server.dataDir), dataDir: server.dataDir });
  secretariat = await login(server.url, 'sekretariat@helgeland.demo');
  observer = await login(server.url, 'observator@helgeland.demo');
  community = (await (await send(secretariat, 'GET', '/communities/helgeland')).json()) as CommunityWithOrganisations;
  const users = createSqlUserRepository(sql);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const organisation of community.organisations) {
    const title = organisation.side === 'helseforetak' ? 'Adm. direktør' : 'Kommunedirektør';
    const name = `${title} i ${organisation.name}`;
    const user = await users.createUser({ email: `leder@${organisation.id}.test`, name, passwordHash });
    await users.setMembership({ userId: user.id, communityId: 'helgeland', organisationId: organisation.id, side: organisation.side, role: 'member' });
    signers.set(organisation.id, { session: await login(server.url, `leder@${organisation.id}.test`), name });
  }
});

afterAll(async () => {
  await sql?.close();
  await server?.close();
});

const declarationOf = async (session: TestSession, caseId = CASE) => {
  const response = await send(session, 'GET', `/cases/${caseId}/declaration`);
  expect(response.status).toBe(200);
  return (await response.json()) as DeclarationView;
};
const sign = (session: TestSession, organisationId: string, caseId = CASE) =>
  send(session, 'POST', `/cases/${caseId}/declaration/sign`, { organisationId });

describe('declarations signed by every partner', () => {
  it('lists the hospital trust and all 17 municipalities as missing before anyone signs', async () => {
    const view = await declarationOf(observer);
    expect(view.isDeclaration).toBe(true);
    expect(view.partners).toHaveLength(18);
    expect(view.partners[0]).toMatchObject({ organisationName: 'Helgelandssykehuset HF', side: 'helseforetak', signature: null });
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

  it('records one signature per partner, each by a member of that organisation, until none is missing', async () => {
    let expectedSigned = 0;
    for (const organisation of community.organisations) {
      const { session, name } = signers.get(organisation.id)!;
      expect((await declarationOf(session)).canSignFor).toBe(organisation.id);
      const response = await sign(session, organisation.id);
      expect(response.status).toBe(201);
      const view = (await response.json()) as DeclarationView;
      expectedSigned++;
      expect(view.signedCount).toBe(expectedSigned);
      expect(view.partners.find((p) => p.organisationId === organisation.id)!.signature).toMatchObject({
        userName: name,
        signerTitle: organisation.side === 'helseforetak' ? 'Adm. direktør' : 'Kommunedirektør',
      });
      expect(view.canSignFor).toBeNull();
    }
    const done = await declarationOf(observer);
    expect(done).toMatchObject({ signedCount: 18, missingCount: 0 });
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
    expect(await (await withdraw(signers.get('helgeland-rana')!.session)).json()).toMatchObject({ error: 'other-organisation' });
    expect((await withdraw(vefsn.session, 'lvs-bodo')).status).toBe(404);

    const response = await withdraw(vefsn.session);
    expect(response.status).toBe(200);
    const view = (await response.json()) as DeclarationView;
    expect(view).toMatchObject({ signedCount: 17, missingCount: 1, canSignFor: 'helgeland-vefsn', canWithdrawFor: null });
    expect(view.withdrawals).toEqual([
      expect.objectContaining({ organisationId: 'helgeland-vefsn', signedByName: vefsn.name, withdrawnByName: vefsn.name, signerTitle: 'Kommunedirektør' }),
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
    expect(text).toContain('Kommunedirektør Sømna kommune\nKommunedirektør i Sømna kommune');
    expect(text).toContain('Adm. direktør Helgelandssykehuset HF\nAdm. direktør i Helgelandssykehuset HF');
    expect(text).not.toContain('Mangler signatur');
  });

  it('refuses signing an ordinary case and a declaration whose wording is not agreed yet', async () => {
    // lvs has its own secretariat; Helgeland has one case only, so create a second.
    const created = await send(secretariat, 'POST', '/communities/helgeland/cases', {
      body: 'SSU', title: 'Handlingsplan 2024', kind: 'beslutningssak', number: '02-2023',
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
    expect((await declarationOf(rana, id))).toMatchObject({ isDeclaration: true, missingCount: 18, refusal: 'not-agreed' });
  });
});
