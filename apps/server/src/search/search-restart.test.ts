import type { SearchHit } from '@samraad/schema';
import { afterAll, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { buildCase, writeSection } from '../test-support/builders.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { startTestServer } from '../test-support/test-server.js';

const running: RunningServer[] = [];
afterAll(() => Promise.all(running.map((server) => server.close())));

async function search(session: TestSession, q: string): Promise<SearchHit[]> {
  const response = await sessionFetch(session, `/api/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchHit[];
}

it('a section changed just before a restart is found by its new text afterwards', async () => {
  const dataDir = makeTempDir();
  const first = await startTestServer(dataDir);
  running.push(first);
  const [secretariat, kommune, helseforetak] = await Promise.all([
    login(first.url, DEMO.sekretariat),
    login(first.url, DEMO.kommune),
    login(first.url, DEMO.sykehus),
  ]);
  const built = await buildCase(
    { secretariat, kommune, helseforetak },
    { sections: [{ key: 'bakgrunn', kind: 'bakgrunn', owner: 'shared', text: 'Tidligere skrevet tekst' }] },
  );
  // The search indexes the section as it stands, so the index has a row for it from here on.
  expect((await search(kommune, 'tidligere skrevet')).some((hit) => hit.caseId === built.id)).toBe(true);

  // Stored, then the server stops at once: the index write still waits for the section to settle.
  await writeSection(kommune, built.id, built.sections['bakgrunn']!, [
    { type: 'paragraph', text: 'Skrevet rett før omstart' },
  ]);
  await first.close();

  const second = await startTestServer(dataDir);
  running.push(second);
  const again = await login(second.url, DEMO.kommune);
  const hits = await search(again, 'rett før omstart');
  expect(hits.some((hit) => hit.caseId === built.id && hit.kind === 'section')).toBe(true);
});
