import type { Case, CaseDetail } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { openCaseEventStream } from '../test-support/case-event-stream.js';
import { send } from '../test-support/consensus-api.js';
import { loginDemoRoles, type DemoRoles } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

let server: RunningServer;
let people: DemoRoles;

beforeAll(async () => {
  server = await startTestServer();
  people = await loginDemoRoles(server.url);
});

afterAll(async () => {
  await server.close();
});

async function create(title: string): Promise<CaseDetail> {
  const response = await send(people.sekretariat, 'POST', '/communities/lvs/cases', {
    body: 'SSU',
    title,
    kind: 'beslutningssak',
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as Case;
  return (await (await send(people.sekretariat, 'GET', `/cases/${created.id}`)).json()) as CaseDetail;
}

describe('changes to a case reach everyone who has it open', () => {
  it('sends a changed header, and the section list after adding, renaming, moving and deleting', async () => {
    const { case: created, sections } = await create('Sak som endres');
    const stream = await openCaseEventStream(people.kommune, created.id);
    try {
      expect(
        (
          await send(people.sekretariat, 'PATCH', `/cases/${created.id}`, {
            title: 'Ny tittel',
            caseOfficers: ['Sara Moe'],
          })
        ).status,
      ).toBe(200);
      expect(await stream.next('case')).toMatchObject({
        id: created.id,
        title: 'Ny tittel',
        caseOfficers: ['Sara Moe'],
      });

      const added = await send(people.sekretariat, 'POST', `/cases/${created.id}/sections`, {
        kind: 'annet',
        title: 'Økonomi',
        owner: 'shared',
      });
      const section = (await added.json()) as { id: string };
      expect((await stream.next('sections')).map((s) => s.title)).toEqual([...sections.map((s) => s.title), 'Økonomi']);

      await send(people.sekretariat, 'PATCH', `/cases/${created.id}/sections/${section.id}`, {
        title: 'Økonomiske konsekvenser',
        position: 0,
      });
      const renamed = await stream.next('sections');
      expect(renamed.find((s) => s.id === section.id)?.title).toBe('Økonomiske konsekvenser');

      await send(people.sekretariat, 'DELETE', `/cases/${created.id}/sections/${section.id}`);
      expect((await stream.next('sections')).map((s) => s.id)).toEqual(sections.map((s) => s.id));
    } finally {
      stream.close();
    }
  });

  it('sends each stored version, so open history lists grow live', async () => {
    const { case: created, sections } = await create('Sak med historikk');
    const bakgrunn = sections.find((s) => s.kind === 'bakgrunn')!;
    const stream = await openCaseEventStream(people.observator, created.id);
    try {
      const saved = await send(people.kommune, 'POST', `/cases/${created.id}/sections/${bakgrunn.id}/versions`, {
        label: 'Før møtet',
      });
      expect(saved.status).toBe(201);
      expect(await stream.next('version')).toMatchObject({
        caseId: created.id,
        sectionId: bakgrunn.id,
        label: 'Før møtet',
        kind: 'named',
      });
    } finally {
      stream.close();
    }
  });

  it('sends nothing when the change is refused', async () => {
    const { case: created } = await create('Urørt sak');
    const stream = await openCaseEventStream(people.sykehus, created.id);
    try {
      expect((await send(people.kommune, 'PATCH', `/cases/${created.id}`, { title: 'Kapret' })).status).toBe(403);
      await expect(stream.next('case', () => true, 300)).rejects.toThrow(/no 'case' event/);
    } finally {
      stream.close();
    }
  });
});
