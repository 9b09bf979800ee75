import JSZip from 'jszip';
import type { PublicCommunityPage } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { pdfText, renderFirstPage } from '../test-support/pdf-render.js';
import { startTestServer } from '../test-support/test-server.js';

const CASE = 'lvs-04-2022';

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let secretariat: TestSession;
let helgeland: TestSession;

beforeAll(async () => {
  server = await startTestServer();
  [kommune, sykehus, secretariat, helgeland] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.sekretariat),
    login(server.url, DEMO.helgelandKommune),
  ]);
});

afterAll(async () => {
  await server.close();
});

async function download(session: TestSession, file: string): Promise<Buffer> {
  const response = await sessionFetch(session, `/api/cases/${CASE}/${file}`);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const HEADER = [
  'Partnerskapsmøte sak 04-2022',
  'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
  'Saksbehandler',
  'Trude Kristin Kristensen, Knut Erik Dahlmo, Stian Molvik',
  'Dato dok',
  '04.10.2022',
  'Møtedato',
  '25.10.2022',
  'Vår ref',
  '2022/2936',
  'Innstilling til konsensus',
  'Partnerskapsmøtet ber strategisk samarbeidsutvalg (SSU)',
  'Kommunenes vurdering',
  'Nordlandssykehuset HFs vurdering',
];

describe('export of a case paper', () => {
  it('refuses people outside the community, and anyone not logged in', async () => {
    expect((await sessionFetch(helgeland, `/api/cases/${CASE}/export.pdf`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/cases/${CASE}/export.docx`)).status).toBe(401);
  });

  it('writes a DOCX with the header block, the consensus wording and the sections in order', async () => {
    const response = await sessionFetch(kommune, `/api/cases/${CASE}/export.docx`);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    expect(response.headers.get('content-disposition')).toContain('partnerskapsmote-sak-04-2022.docx');
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const expected of HEADER) expect(text).toContain(expected);
    // The consensus wording comes first, before the background.
    expect(text.indexOf('Innstilling til konsensus')).toBeLessThan(text.indexOf('Bakgrunn'));
    expect(text.indexOf('Bakgrunn')).toBeLessThan(text.indexOf('Kommunenes vurdering'));
  });

  it('writes a PDF that renders to a page carrying the header and the consensus wording', async () => {
    const pdf = await download(kommune, 'export.pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const expected of HEADER) expect(text).toContain(expected);
    const page = renderFirstPage(pdf);
    expect(page.width).toBeGreaterThan(400);
    expect(page.height).toBeGreaterThan(page.width);
    // Ink on the page, and the header block at the top of it; far from a black page.
    expect(page.ink).toBeGreaterThan(0.005);
    expect(page.inkTopThird).toBeGreaterThan(0.002);
    expect(page.ink).toBeLessThan(0.3);
  });

  it('lists the approvals the consensus rests on once both sides have approved', async () => {
    expect((await moveCase(secretariat, CASE, 'til_beslutning')).status).toBe(200);
    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    expect((await approve(sykehus, CASE, currentHash!)).status).toBe(201);
    expect((await consensusOf(kommune, CASE)).status).toBe('konsensus');
    const text = pdfText(await download(kommune, 'export.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('Godkjenning av konsensus');
    expect(text).toMatch(/Kommunene: godkjent av Kari Lind \d\d\.\d\d\.\d{4}/);
    expect(text).toMatch(/Helseforetaket: godkjent av Nils Berg \d\d\.\d\d\.\d{4}/);
  });
});

describe('the public page', () => {
  const publicPage = async (init: RequestInit = {}) => {
    const response = await fetch(`${server.url}/api/public/communities/lvs`, init);
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    return { raw: await response.clone().text(), page: (await response.json()) as PublicCommunityPage };
  };

  it('needs no login and shows published cases only, with their final text', async () => {
    const secretTitle = 'Utkast som ikke skal ut: hemmelig tittel';
    const created = await send(secretariat, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: secretTitle,
      kind: 'drøftingssak',
      number: '99-2030',
    });
    expect(created.status).toBe(201);
    const secretComment = 'Intern merknad som aldri skal publiseres';
    const thread = await send(kommune, 'POST', '/cases/lvs-06-2021/threads', {
      sectionId: 'bakgrunn',
      anchor: { start: 'AAECAw==', end: 'BAUGBw==' },
      quote: 'mandat',
      body: secretComment,
    });
    expect(thread.status).toBe(201);

    const { raw, page } = await publicPage();
    expect(page.community).toEqual({ id: 'lvs', name: expect.any(String) as string });
    expect(page.cases.map((c) => c.id)).toEqual(['lvs-06-2021']);
    const vestfjord = page.cases[0]!;
    expect(vestfjord.sections.map((s) => s.title)).toContain('Bakgrunn');
    expect(JSON.stringify(vestfjord.sections)).toContain(
      'Partnerskapsmøtet slutter seg til vedlagte partnerskapserklæring',
    );
    // Nothing unpublished, no comments, no accounts.
    for (const absent of [
      secretTitle,
      secretComment,
      'Forslag til handlingsplan for strategisk samarbeidsutvalg',
      '@lvs.demo',
      'csrf',
      'status',
      'userId',
      'approv',
    ]) {
      expect(raw).not.toContain(absent);
    }
    // Sak 04-2022 reached consensus above, but is not yet published.
    expect(raw).not.toContain('Samhandlingsarenaer');
    expect(raw).not.toContain('RKK');
  });

  it('answers a logged-in browser the same, without touching its session', async () => {
    const anonymous = (await publicPage()).raw;
    const withCookie = await publicPage({ headers: { cookie: kommune.cookie } });
    expect(withCookie.raw).toBe(anonymous);
    expect(withCookie.raw).not.toContain(kommune.csrfToken);
  });

  it('shows a case once the secretariat publishes it, and serves its paper', async () => {
    expect((await fetch(`${server.url}/api/public/cases/${CASE}/export.pdf`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/public/cases/lvs-07-2021/export.pdf`)).status).toBe(404);
    expect((await moveCase(secretariat, CASE, 'publisert')).status).toBe(200);
    const { page } = await publicPage();
    const published = page.cases.find((c) => c.id === CASE)!;
    expect(published.sections[0]).toMatchObject({ title: 'Innstilling til konsensus' });
    expect(JSON.stringify(published.sections[0])).toContain('likeverdig eierskap');
    const pdf = await fetch(`${server.url}/api/public/cases/${CASE}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain('Vår ref');
  });

  it('answers an unknown community with 404', async () => {
    expect((await fetch(`${server.url}/api/public/communities/finnes-ikke`)).status).toBe(404);
  });
});
