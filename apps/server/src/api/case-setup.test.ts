import type { Case, CaseDetail, Section } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { login, loginDemoRoles, type DemoRoles } from '../test-support/session.js';
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

async function create(
  input: Record<string, unknown>,
  community = 'lvs',
  session = people.sekretariat,
): Promise<CaseDetail> {
  const response = await send(session, 'POST', `/communities/${community}/cases`, {
    body: 'Partnerskapsmøte',
    ...input,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as Case;
  return (await (await send(session, 'GET', `/cases/${created.id}`)).json()) as CaseDetail;
}

const outline = (sections: Section[]) => sections.map((s) => `${s.title} (${s.kind}, ${s.owner})`);

describe('a new case', () => {
  it('to decide starts with the sections of the papers, naming the community’s hospital trust', async () => {
    const { sections } = await create({ title: 'Felles rutine for utskrivning', kind: 'beslutningssak' });
    expect(outline(sections)).toEqual([
      'Innstilling til konsensus (innstilling, shared)',
      'Bakgrunn (bakgrunn, shared)',
      'Kommunenes vurdering (vurdering, kommune)',
      'Nordlandssykehuset HFs vurdering (vurdering, helseforetak)',
      'Innledning (innledning, shared)',
    ]);
    expect(sections.map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
  });

  it('to discuss in Helgeland names Helgelandssykehuset HF', async () => {
    const helgeland = await login(server.url, 'sekretariat@helgeland.demo');
    const { sections } = await create({ title: 'Drøfting av legevakt', kind: 'drøftingssak' }, 'helgeland', helgeland);
    expect(sections.map((s) => s.title)).toContain('Helgelandssykehuset HFs vurdering');
    expect(sections).toHaveLength(5);
  });

  it('for information has only its presentation', async () => {
    const { sections } = await create({ title: 'Orientering om ny avtale', kind: 'orienteringssak' });
    expect(outline(sections)).toEqual(['Saksfremstilling (saksfremstilling, shared)']);
  });

  it('gets exactly the sections the request lists, none when it lists none', async () => {
    const listed = await create({
      title: 'Egne deler',
      kind: 'drøftingssak',
      sections: [
        { kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared' },
        { kind: 'vurdering', title: 'Felles vurdering', owner: 'shared' },
      ],
    });
    expect(outline(listed.sections)).toEqual(['Bakgrunn (bakgrunn, shared)', 'Felles vurdering (vurdering, shared)']);
    expect((await create({ title: 'Tom sak', kind: 'drøftingssak', sections: [] })).sections).toEqual([]);
  });

  it('is refused, and not created, when it lists two consensus wordings', async () => {
    const before = ((await (await send(people.sekretariat, 'GET', '/communities/lvs/cases')).json()) as Case[]).length;
    const wording = { kind: 'innstilling', title: 'Innstilling til konsensus', owner: 'shared' };
    const response = await send(people.sekretariat, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: 'To innstillinger',
      kind: 'beslutningssak',
      sections: [wording, wording],
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toMatch(/bare én innstilling/);
    const after = ((await (await send(people.sekretariat, 'GET', '/communities/lvs/cases')).json()) as Case[]).length;
    expect(after).toBe(before);
  });

  it('is not for members or observers to create', async () => {
    for (const session of [people.kommune, people.sykehus, people.observator]) {
      const response = await send(session, 'POST', '/communities/lvs/cases', {
        body: 'SSU',
        title: 'Ikke lov',
        kind: 'drøftingssak',
      });
      expect(response.status).toBe(403);
    }
  });
});
