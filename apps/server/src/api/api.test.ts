import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { buildCase, type BuiltCase } from '../test-support/builders.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

let server: RunningServer;
let secretariat: TestSession;
let kommune: TestSession;
/** A case of this file's own for the tests that change one (the demo case is only read). */
let own: BuiltCase;

beforeAll(async () => {
  server = await startTestServer();
  secretariat = await login(server.url, DEMO.sekretariat);
  kommune = await login(server.url, DEMO.kommune);
  own = await buildCase({ secretariat, kommune, helseforetak: await login(server.url, DEMO.sykehus) });
});

afterAll(async () => {
  await server.close();
});

const get = async <T>(session: TestSession, path: string) =>
  (await sessionFetch(session, `/api${path}`)).json() as Promise<T>;
const send = (session: TestSession, method: string, path: string, body?: unknown) =>
  sessionFetch(session, `/api${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('REST API', () => {
  it("lists only the viewer's communities, with all their partners", async () => {
    const communities = await get<Array<{ id: string }>>(kommune, '/communities');
    expect(communities.map((c) => c.id)).toEqual(['lvs']);
    const lvs = await get<{ organisations: Array<{ side: string }> }>(kommune, '/communities/lvs');
    expect(lvs.organisations.filter((o) => o.side === 'kommune')).toHaveLength(20);
    expect(lvs.organisations.filter((o) => o.side === 'helseforetak')).toHaveLength(1);
    const admin = await login(server.url, 'admin@samraad.demo');
    const helgeland = await get<{ organisations: unknown[] }>(admin, '/communities/helgeland');
    expect(helgeland.organisations).toHaveLength(18);
  });

  it('serves sak 04-2022 with its header and the five sections in paper order', async () => {
    const detail = await get<{
      case: { number: string; reference: string; caseOfficers: string[] };
      sections: Array<{ id: string; owner: string }>;
    }>(kommune, '/cases/lvs-04-2022');
    expect(detail.case.number).toBe('04-2022');
    expect(detail.case.reference).toBe('2022/2936');
    expect(detail.case.caseOfficers).toContain('Knut Erik Dahlmo');
    expect(detail.sections.map((s) => `${s.id}:${s.owner}`)).toEqual([
      'innstilling:shared',
      'bakgrunn:shared',
      'kommunenes-vurdering:kommune',
      'nlsh-vurdering:helseforetak',
      'innledning:shared',
    ]);
  });

  it('answers a body that is not JSON with 400 and a clear message', async () => {
    const response = await send(secretariat, 'PATCH', `/cases/${own.id}`, '{"title": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_json', message: 'forespørselen er ikke gyldig JSON' });
  });

  it('answers a body of the wrong shape with 400 naming the field', async () => {
    const response = await send(secretariat, 'PATCH', `/cases/${own.id}`, { reference: '2936' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { issues: Array<{ path: string }> };
    expect(body.issues.map((i) => i.path)).toEqual(['reference']);
  });

  it('lets the secretariat create a case and refuses a second with the same number in the same body', async () => {
    const input = { number: '09-2026', body: 'SSU', title: 'Felles kompetanseplan', kind: 'drøftingssak' };
    const created = await send(secretariat, 'POST', '/communities/lvs/cases', input);
    expect(created.status).toBe(201);
    expect(((await created.json()) as { status: string }).status).toBe('utkast');
    expect((await send(secretariat, 'POST', '/communities/lvs/cases', input)).status).toBe(409);
  });

  it('refuses case management to a member', async () => {
    expect((await send(kommune, 'PATCH', `/cases/${own.id}`, { title: 'Kapret' })).status).toBe(403);
    expect(
      (await send(kommune, 'POST', `/cases/${own.id}/sections`, { kind: 'annet', title: 'x', owner: 'shared' })).status,
    ).toBe(403);
  });

  it('lets the secretariat add, rename and remove a section', async () => {
    const added = await send(secretariat, 'POST', `/cases/${own.id}/sections`, {
      kind: 'annet',
      title: 'Økonomi',
      owner: 'shared',
    });
    expect(added.status).toBe(201);
    const section = (await added.json()) as { id: string; position: number };
    expect(section.position).toBe(Object.keys(own.sections).length);
    const renamed = await send(secretariat, 'PATCH', `/cases/${own.id}/sections/${section.id}`, {
      title: 'Økonomiske konsekvenser',
    });
    expect(((await renamed.json()) as { title: string }).title).toBe('Økonomiske konsekvenser');
    expect((await send(secretariat, 'DELETE', `/cases/${own.id}/sections/${section.id}`)).status).toBe(204);
    expect((await send(secretariat, 'DELETE', `/cases/${own.id}/sections/${section.id}`)).status).toBe(404);
  });

  it('answers unknown cases and paths with 404 JSON', async () => {
    expect((await sessionFetch(kommune, '/api/cases/finnes-ikke')).status).toBe(404);
    const unknown = await sessionFetch(kommune, '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe('not_found');
  });
});
