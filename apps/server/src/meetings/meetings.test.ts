import type { Body, CaseDetail, ConsensusState, MeetingDetail, MeetingSummary, PulledDecisions } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let observer: TestSession;
let secretariat: TestSession;
let helgeland: TestSession;
const clients: SectionClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [kommune, sykehus, observer, secretariat, helgeland] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.observator),
    login(server.url, DEMO.sekretariat),
    login(server.url, DEMO.helgelandKommune),
  ]);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

const agendaNumbers = (detail: MeetingDetail) => detail.agenda.map((item) => item.number);

let meetingId: string;

describe('bodies and meetings', () => {
  it('seeds the bodies of each demo community', async () => {
    const bodies = await json<Body[]>(await send(observer, 'GET', '/communities/lvs/bodies'));
    expect(bodies.map((b) => b.kind).sort()).toEqual(['adhoc', 'dialogmote', 'partnerskapsmote', 'sekretariat', 'ssu']);
    expect(bodies.find((b) => b.kind === 'ssu')).toMatchObject({ id: 'lvs-ssu', caseBody: 'SSU' });
  });

  it('lets only the secretariat add a body, such as a working group, with a name and a case label', async () => {
    const input = { name: 'Arbeidsgruppe for legevakt', caseBody: 'Arbeidsgruppe legevakt', kind: 'adhoc' };
    expect((await send(kommune, 'POST', '/communities/lvs/bodies', input)).status).toBe(403);
    expect((await send(secretariat, 'POST', '/communities/lvs/bodies', { ...input, name: '  ' })).status).toBe(400);
    expect((await send(secretariat, 'POST', '/communities/lvs/bodies', { ...input, kind: 'styre' })).status).toBe(400);
    const created = await json<Body>(
      await send(secretariat, 'POST', '/communities/lvs/bodies', { ...input, name: ' Arbeidsgruppe for legevakt ' }),
      201,
    );
    expect(created).toMatchObject({
      communityId: 'lvs',
      name: 'Arbeidsgruppe for legevakt',
      caseBody: 'Arbeidsgruppe legevakt',
      kind: 'adhoc',
    });
    const bodies = await json<Body[]>(await send(observer, 'GET', '/communities/lvs/bodies'));
    expect(bodies.some((b) => b.id === created.id)).toBe(true);
    expect((await send(secretariat, 'POST', '/communities/helgeland/bodies', input)).status).toBe(404);
  });

  it('lets only the secretariat plan a meeting, and only with a body of its own community', async () => {
    const input = { bodyId: 'lvs-ssu', date: '2022-10-25', place: 'digitalt' };
    expect((await send(kommune, 'POST', '/communities/lvs/meetings', input)).status).toBe(403);
    expect((await send(observer, 'POST', '/communities/lvs/meetings', input)).status).toBe(403);
    expect(
      (await send(secretariat, 'POST', '/communities/lvs/meetings', { ...input, bodyId: 'helgeland-ssu' })).status,
    ).toBe(400);
    expect((await send(secretariat, 'POST', '/communities/lvs/meetings', { ...input, place: ' ' })).status).toBe(400);
    const created = await json<MeetingDetail>(await send(secretariat, 'POST', '/communities/lvs/meetings', input), 201);
    expect(created.meeting).toMatchObject({
      bodyId: 'lvs-ssu',
      date: '2022-10-25',
      place: 'digitalt',
      status: 'planlagt',
      minutesCaseId: null,
    });
    expect(created.body.caseBody).toBe('SSU');
    meetingId = created.meeting.id;
    const listed = await json<MeetingSummary[]>(await send(kommune, 'GET', '/communities/lvs/meetings'));
    expect(listed.find((m) => m.id === meetingId)).toMatchObject({
      bodyName: 'Strategisk samarbeidsutvalg (SSU)',
      agendaLength: 0,
    });
    expect((await send(helgeland, 'GET', `/meetings/${meetingId}`)).status).toBe(404);
    expect((await send(helgeland, 'GET', '/communities/lvs/meetings')).status).toBe(404);
  });

  it('lets the secretariat change status and place, nobody else', async () => {
    expect((await send(sykehus, 'PATCH', `/meetings/${meetingId}`, { status: 'avlyst' })).status).toBe(403);
    expect((await send(secretariat, 'PATCH', `/meetings/${meetingId}`, { status: 'ferdig' })).status).toBe(400);
    const updated = await json<MeetingDetail>(
      await send(secretariat, 'PATCH', `/meetings/${meetingId}`, { place: 'Bodø rådhus' }),
    );
    expect(updated.meeting.place).toBe('Bodø rådhus');
  });
});

describe('agenda (saksliste)', () => {
  it('keeps the order the secretariat puts, with each case’s kind and status', async () => {
    const put = await json<MeetingDetail>(
      await send(secretariat, 'PUT', `/meetings/${meetingId}/agenda`, {
        caseIds: ['lvs-06-2021', 'lvs-04-2022', 'lvs-07-2021'],
      }),
    );
    expect(agendaNumbers(put)).toEqual(['06-2021', '04-2022', '07-2021']);
    const reordered = await json<MeetingDetail>(
      await send(secretariat, 'PUT', `/meetings/${meetingId}/agenda`, {
        caseIds: ['lvs-04-2022', 'lvs-07-2021', 'lvs-06-2021'],
      }),
    );
    expect(agendaNumbers(reordered)).toEqual(['04-2022', '07-2021', '06-2021']);
    const seen = await json<MeetingDetail>(await send(kommune, 'GET', `/meetings/${meetingId}`));
    expect(seen.agenda.map((item) => item.position)).toEqual([0, 1, 2]);
    expect(seen.agenda[0]).toMatchObject({
      caseId: 'lvs-04-2022',
      kind: 'beslutningssak',
      status: 'til_drofting',
      body: 'Partnerskapsmøte',
    });
    expect(agendaNumbers(await json<MeetingDetail>(await send(observer, 'GET', `/meetings/${meetingId}`)))).toEqual([
      '04-2022',
      '07-2021',
      '06-2021',
    ]);
  });

  it('removes cases left out of the new order', async () => {
    const removed = await json<MeetingDetail>(
      await send(secretariat, 'PUT', `/meetings/${meetingId}/agenda`, { caseIds: ['lvs-04-2022', 'lvs-06-2021'] }),
    );
    expect(agendaNumbers(removed)).toEqual(['04-2022', '06-2021']);
  });

  it('refuses members, observers, duplicates and cases of another community', async () => {
    const order = { caseIds: ['lvs-06-2021', 'lvs-04-2022'] };
    expect((await send(kommune, 'PUT', `/meetings/${meetingId}/agenda`, order)).status).toBe(403);
    expect((await send(sykehus, 'PUT', `/meetings/${meetingId}/agenda`, order)).status).toBe(403);
    expect((await send(observer, 'PUT', `/meetings/${meetingId}/agenda`, order)).status).toBe(403);
    expect((await send(helgeland, 'PUT', `/meetings/${meetingId}/agenda`, order)).status).toBe(404);
    expect(
      (await send(secretariat, 'PUT', `/meetings/${meetingId}/agenda`, { caseIds: ['lvs-04-2022', 'lvs-04-2022'] }))
        .status,
    ).toBe(400);
    expect(
      (await send(secretariat, 'PUT', `/meetings/${meetingId}/agenda`, { caseIds: ['helgeland-01-2023'] })).status,
    ).toBe(400);
    expect(agendaNumbers(await json<MeetingDetail>(await send(kommune, 'GET', `/meetings/${meetingId}`)))).toEqual([
      '04-2022',
      '06-2021',
    ]);
  });
});

describe('minutes (protokoll)', () => {
  let minutesCaseId: string;

  it('are opened by the secretariat as a numbered case of the body with the minutes and the decisions', async () => {
    expect((await send(kommune, 'POST', `/meetings/${meetingId}/minutes`)).status).toBe(403);
    const [first, second] = await Promise.all([
      send(secretariat, 'POST', `/meetings/${meetingId}/minutes`),
      send(secretariat, 'POST', `/meetings/${meetingId}/minutes`),
    ]);
    const opened = (await first.json()) as MeetingDetail;
    expect(((await second.json()) as MeetingDetail).meeting.minutesCaseId).toBe(opened.meeting.minutesCaseId);
    minutesCaseId = opened.meeting.minutesCaseId!;
    expect((await send(secretariat, 'POST', `/meetings/${meetingId}/minutes`)).status).toBe(200);
    const detail = await json<CaseDetail>(await send(observer, 'GET', `/cases/${minutesCaseId}`));
    expect(detail.case).toMatchObject({
      body: 'Protokoll SSU',
      number: '01-2022',
      kind: 'beslutningssak',
      meetingDate: '2022-10-25',
    });
    expect(detail.sections.map((s) => [s.id, s.kind, s.owner])).toEqual([
      ['protokoll', 'innstilling', 'shared'],
      ['vedtak', 'innstilling', 'shared'],
    ]);
  });

  it('are not listed among the ordinary cases, for any role, but stay open at their own address', async () => {
    for (const session of [kommune, sykehus, observer, secretariat]) {
      const listed = await json<Array<{ id: string }>>(await send(session, 'GET', '/communities/lvs/cases'));
      expect(listed.map((c) => c.id)).toContain('lvs-04-2022');
      expect(listed.map((c) => c.id)).not.toContain(minutesCaseId);
      expect((await send(session, 'GET', `/cases/${minutesCaseId}`)).status).toBe(200);
    }
  });

  it('pull the locked consensus wording of an agenda case, live into open minutes', async () => {
    const watcher = connectSectionClient(observer, minutesCaseId, 'vedtak');
    clients.push(watcher);
    await waitForSync(watcher);

    expect((await moveCase(secretariat, 'lvs-04-2022', 'til_beslutning')).status).toBe(200);
    const { currentHash } = await consensusOf(kommune, 'lvs-04-2022');
    expect((await approve(kommune, 'lvs-04-2022', currentHash!)).status).toBe(201);
    expect((await approve(sykehus, 'lvs-04-2022', currentHash!)).status).toBe(201);

    // 06-2021 was approved, locked and published when the demo was seeded; 07-2021 has no agreed wording yet.
    expect(
      (
        await send(secretariat, 'PUT', `/meetings/${meetingId}/agenda`, {
          caseIds: ['lvs-04-2022', 'lvs-06-2021', 'lvs-07-2021'],
        })
      ).status,
    ).toBe(200);
    expect((await send(kommune, 'POST', `/meetings/${meetingId}/minutes/decisions`)).status).toBe(403);
    const pulled = await json<PulledDecisions>(
      await send(secretariat, 'POST', `/meetings/${meetingId}/minutes/decisions`),
    );
    // 06-2021 is published: its decision is pulled too, though it was decided before Samråd.
    expect(pulled.cases).toEqual([
      { caseId: 'lvs-04-2022', number: '04-2022', pulled: true },
      { caseId: 'lvs-06-2021', number: '06-2021', pulled: true },
      { caseId: 'lvs-07-2021', number: '07-2021', pulled: false },
    ]);
    await waitFor(
      () => watcher.text().includes('Partnerskapsmøtet slutter seg til vedlagte partnerskapserklæring'),
      'pulled wording',
    );
    const lines = watcher.text().split('\n');
    expect(lines[0]).toBe('Sak 04-2022 Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten');
    expect(lines[1]).toBe('Vedtak:');
    expect(lines[2]).toContain('Partnerskapsmøtet ber strategisk samarbeidsutvalg');
    const published = lines.indexOf(
      'Sak 06-2021 Vestfjorderklæringen for helsefellesskapet Lofoten, Vesterålen og Salten',
    );
    expect(lines.slice(published + 1, published + 4)).toEqual([
      'Vedtak:',
      'Partnerskapsmøtet slutter seg til vedlagte partnerskapserklæring',
      'Partnerskapserklæringen betegnes i det videre som «Vestfjorderklæringen 2021 - 2023»',
    ]);
    // 07-2021 has no agreed wording yet.
    expect(lines).toContain('Ingen vedtatt konsensustekst ennå.');

    // Pulling again refreshes instead of appending.
    await json<PulledDecisions>(await send(secretariat, 'POST', `/meetings/${meetingId}/minutes/decisions`));
    // Barrier: a sentence typed after the second pull reaches the watcher, so whatever the pull
    // relayed arrived before it.
    const { client: writer, local } = await connectRawWriter(kommune, minutesCaseId, 'vedtak');
    writer.sendUpdate(appendTextUpdate(local, ' Etter ny henting.'));
    await waitFor(() => watcher.text().includes(' Etter ny henting.'), 'the sentence typed after the second pull');
    writer.socket.terminate();
    expect(watcher.text().split('Sak 04-2022').length).toBe(2);
  });

  it('are approved and locked like a case, and then refuse a new pull', async () => {
    expect((await moveCase(secretariat, minutesCaseId, 'til_drofting')).status).toBe(200);
    expect((await moveCase(secretariat, minutesCaseId, 'til_beslutning')).status).toBe(200);
    const { currentHash, consensusSectionId } = await consensusOf(kommune, minutesCaseId);
    expect(consensusSectionId).toBe('protokoll');
    expect((await approve(kommune, minutesCaseId, currentHash!)).status).toBe(201);
    const locked = await json<ConsensusState>(await approve(sykehus, minutesCaseId, currentHash!), 201);
    expect(locked.status).toBe('konsensus');
    expect(locked.locks.map((l) => l.sectionId).sort()).toEqual(['protokoll', 'vedtak']);
    expect((await send(secretariat, 'POST', `/meetings/${meetingId}/minutes/decisions`)).status).toBe(409);
  });
});
