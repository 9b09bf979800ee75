import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '@samraad/schema';
import type { RunningServer } from '../server.js';
import { pollUntil } from '../test-support/poll.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitForSync } from '../test-support/yjs-client.js';

let server: RunningServer;
let kommune: TestSession;
let helgeland: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  [kommune, helgeland] = await Promise.all([login(server.url, DEMO.kommune), login(server.url, DEMO.helgelandKommune)]);
});

afterAll(async () => {
  await server.close();
});

async function search(session: TestSession, q: string): Promise<SearchHit[]> {
  const response = await sessionFetch(session, `/api/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchHit[];
}

/** The index is written after the edit is stored, off the room's queue: asked again until it has it. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  await pollUntil(check, (found) => found, what, { timeoutMs: 5_000 });
}

describe('search', () => {
  it('finds case titles and the seeded text of sections, whatever the letter case', async () => {
    const hits = await search(kommune, 'kunnskapskommunen helse');
    expect(hits).toContainEqual(
      expect.objectContaining({
        kind: 'section',
        caseId: 'lvs-04-2022',
        sectionId: 'kommunenes-vurdering',
        sectionTitle: 'Kommunenes vurdering',
      }),
    );
    const section = hits.find((hit) => hit.sectionId === 'kommunenes-vurdering')!;
    expect(section.snippet).toMatch(/Kunnskapskommunen Helse/);

    const titles = await search(kommune, 'SAMHANDLINGSARENAER');
    expect(titles).toContainEqual(
      expect.objectContaining({ kind: 'case', caseId: 'lvs-04-2022', caseNumber: '04-2022' }),
    );
  });

  it('finds words someone has just typed, and Norwegian letters in any case', async () => {
    const client = connectSectionClient(kommune, 'lvs-04-2022', 'bakgrunn');
    await waitForSync(client);
    client.type(' Blåbærsyltetøy fra Øksnes.');
    await eventually(
      async () => (await search(kommune, 'BLÅBÆRSYLTETØY')).some((hit) => hit.sectionId === 'bakgrunn'),
      'the typed words in the search index',
    );
    client.destroy();
  });

  it('finds comments, and treats % and _ as plain characters', async () => {
    const response = await sessionFetch(kommune, '/api/cases/lvs-04-2022/threads', {
      method: 'POST',
      body: JSON.stringify({
        sectionId: 'innledning',
        anchor: { start: 'AAECAw==', end: 'BAUGBw==' },
        quote: 'x',
        body: 'Ærlig talt: 100% enig.',
      }),
    });
    expect(response.status).toBe(201);
    expect(await search(kommune, 'ærlig talt')).toContainEqual(
      expect.objectContaining({ kind: 'comment', sectionId: 'innledning' }),
    );
    expect((await search(kommune, '100%')).length).toBeGreaterThan(0);
    expect(await search(kommune, '_%_%')).toEqual([]);
  });

  it('shows nothing from a community the person does not belong to', async () => {
    expect(await search(helgeland, 'Samhandlingsarenaer')).toEqual([]);
    expect(await search(helgeland, 'Kunnskapskommunen')).toEqual([]);
    expect(await search(helgeland, 'ærlig talt')).toEqual([]);
    expect(await search(kommune, 'Helgelandserklæringen')).toEqual([]);
  });

  it('refuses a missing session and a query that is too short', async () => {
    expect((await fetch(`${server.url}/api/search?q=RKK`)).status).toBe(401);
    const short = await sessionFetch(kommune, '/api/search?q=a');
    expect(short.status).toBe(400);
    expect(((await short.json()) as { message: string }).message).toMatch(/minst 2 tegn/);
  });
});
