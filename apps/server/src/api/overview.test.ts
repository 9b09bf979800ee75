import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartOverview } from '@samraad/schema';
import type { RunningServer } from '../server.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { DEMO, login, loginDemoRoles, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

const CASE = 'lvs-04-2022';

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let observer: TestSession;
let secretariat: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  ({ kommune, sykehus, observator: observer, sekretariat: secretariat } = await loginDemoRoles(server.url));
});

afterAll(async () => {
  await server.close();
});

async function overview(session: TestSession): Promise<StartOverview> {
  const response = await sessionFetch(session, '/api/me/overview');
  expect(response.status).toBe(200);
  return (await response.json()) as StartOverview;
}

describe('start page overview', () => {
  it('lists a case in the decision round for each side until that side has approved it', async () => {
    expect((await overview(kommune)).awaitingMyApproval.map((found) => found.id)).not.toContain(CASE);
    expect((await moveCase(secretariat, CASE, 'til_beslutning')).status).toBe(200);
    for (const session of [kommune, sykehus]) {
      expect((await overview(session)).awaitingMyApproval.map((found) => found.id)).toContain(CASE);
    }
    // Observers and the secretariat do not approve, so nothing waits for them.
    expect((await overview(observer)).awaitingMyApproval).toEqual([]);
    expect((await overview(secretariat)).awaitingMyApproval).toEqual([]);

    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    expect((await overview(kommune)).awaitingMyApproval.map((found) => found.id)).not.toContain(CASE);
    expect((await overview(sykehus)).awaitingMyApproval.map((found) => found.id)).toContain(CASE);
  });

  it('lists the cases a person has commented in', async () => {
    expect((await overview(observer)).recentlyMine).toEqual([]);
    const response = await send(observer, 'POST', `/cases/${CASE}/threads`, {
      sectionId: 'bakgrunn',
      anchor: { start: 'AAECAw==', end: 'BAUGBw==' },
      quote: 'x',
      body: 'Brukerrådet følger saken.',
    });
    expect(response.status).toBe(201);
    expect((await overview(observer)).recentlyMine.map((found) => found.id)).toEqual([CASE]);
  });

  it('needs a session', async () => {
    expect((await fetch(`${server.url}/api/me/overview`)).status).toBe(401);
  });

  it('lists the planned meetings from today on in my communities, soonest first, never past or cancelled ones', async () => {
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const plan = async (date: string) => {
      const response = await send(secretariat, 'POST', '/communities/lvs/meetings', {
        bodyId: 'lvs-ssu',
        date,
        place: 'Bodø',
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { meeting: { id: string } }).meeting.id;
    };
    const later = await plan(inDays(40));
    const soon = await plan(inDays(3));
    const past = await plan(inDays(-10));
    const cancelled = await plan(inDays(5));
    expect((await send(secretariat, 'PATCH', `/meetings/${cancelled}`, { status: 'avlyst' })).status).toBe(200);

    const next = (await overview(observer)).nextMeetings;
    expect(next.map((meeting) => meeting.id)).toEqual([soon, later]);
    expect(next[0]).toMatchObject({ bodyName: 'Strategisk samarbeidsutvalg (SSU)', place: 'Bodø', agendaLength: 0 });
    expect(next.map((meeting) => meeting.id)).not.toContain(past);
    // Helgeland's people do not see Lofoten, Vesterålen og Salten's meetings.
    const hege = await login(server.url, DEMO.helgelandKommune);
    expect((await overview(hege)).nextMeetings.map((meeting) => meeting.communityId)).not.toContain('lvs');
  });
});
