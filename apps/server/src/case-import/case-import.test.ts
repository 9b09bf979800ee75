import {
  MAX_IMPORT_BYTES,
  type Case,
  type CaseDetail,
  type CaseImportPreview,
  type CreateCaseInput,
  type SectionNode,
} from '@samraad/schema';
import JSZip from 'jszip';
import { MAX_UNPACKED_BYTES } from './zip-budget.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { caseDetail } from '../test-support/builders.js';
import { send } from '../test-support/consensus-api.js';
import { seedPaperDocx } from '../test-support/seed-paper-docx.js';
import { loginDemoRoles, type DemoRoles, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitForSync } from '../test-support/yjs-client.js';
import { readBlocks } from '../sections/content.js';

let server: RunningServer;
let people: DemoRoles;

beforeAll(async () => {
  server = await startTestServer();
  people = await loginDemoRoles(server.url);
});

afterAll(async () => {
  await server.close();
});

/** Uploads a file as the browser's form does (multipart, field «file»), with the session's cookie and CSRF token. */
function upload(session: TestSession, file: Uint8Array, community = 'lvs', field = 'file'): Promise<Response> {
  const form = new FormData();
  form.set(field, new Blob([new Uint8Array(file)]), 'sak.docx');
  return fetch(`${session.baseUrl}/api/communities/${community}/cases/import/preview`, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: session.baseUrl, 'x-csrf-token': session.csrfToken },
    body: form,
  });
}

async function preview(file: Uint8Array): Promise<CaseImportPreview> {
  const response = await upload(people.sekretariat, file);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as CaseImportPreview;
}

/** Creates the reviewed case through the ordinary creation, with the sections' text. */
async function createFrom(reviewed: CaseImportPreview, changes: Partial<CreateCaseInput> = {}): Promise<CaseDetail> {
  const { number, title, ...header } = reviewed.header;
  const response = await send(people.sekretariat, 'POST', '/communities/lvs/cases', {
    ...header,
    title,
    ...(number ? { number } : {}),
    sections: reviewed.sections,
    ...changes,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return caseDetail(people.sekretariat, ((await response.json()) as Case).id);
}

/** A section's text as the editor's binding reads it from the server. */
async function storedNodes(caseId: string, sectionId: string): Promise<SectionNode[]> {
  const client = connectSectionClient(people.sekretariat, caseId, sectionId);
  try {
    await waitForSync(client);
    return readBlocks(client.doc);
  } finally {
    client.destroy();
  }
}

const outline = (sections: ReadonlyArray<{ title: string; kind: string; owner: string }>) =>
  sections.map((s) => `${s.title} (${s.kind}, ${s.owner})`);

const text = (value: string, marks?: string[]): SectionNode =>
  marks
    ? { type: 'text', text: value, marks: marks.map((type) => ({ type, attrs: {} })) }
    : { type: 'text', text: value };
const p = (...content: SectionNode[]): SectionNode => ({ type: 'paragraph', content });
const cell = (type: 'tableCell' | 'tableHeader', value: string): SectionNode => ({
  type,
  attrs: { colspan: 1, rowspan: 1 },
  content: [p(text(value))],
});

describe('a case paper in the layout of the seeds', () => {
  let paper: Uint8Array;
  beforeAll(async () => {
    paper = await seedPaperDocx();
  });

  it('is read into the header fields and one section per heading, unknown headings as free sections', async () => {
    const { header, sections } = await preview(paper);
    expect(header).toEqual({
      body: 'Partnerskapsmøte',
      number: '04-2022',
      title: 'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
      kind: 'beslutningssak',
      caseOfficers: ['Trude Kristin Kristensen', 'Knut Erik Dahlmo', 'Stian Molvik'],
      documentDate: '2022-10-04',
      meetingDate: '2022-10-25',
      reference: '2022/2936',
      attachments: [],
    });
    expect(outline(sections)).toEqual([
      'Innstilling til konsensus (innstilling, shared)',
      'Bakgrunn (bakgrunn, shared)',
      'Kommunenes vurdering (vurdering, kommune)',
      'Nordlandssykehuset HFs vurdering (vurdering, helseforetak)',
      'Økonomi (annet, shared)',
    ]);
    const [innstilling, bakgrunn, , hf, okonomi] = sections.map((section) => section.content);
    expect(innstilling).toEqual([
      p(
        text('Partnerskapsmøtet ber strategisk samarbeidsutvalg (SSU) legge til rette for hensiktsmessige '),
        text('samhandlingsarenaer', ['bold']),
        text(' hvor partnerne har likeverdig eierskap til innhold og organisering'),
      ),
    ]);
    expect(bakgrunn![1]).toEqual({
      type: 'orderedList',
      attrs: { start: 1 },
      content: ['Barn og unge', 'Personer med alvorlige psykiske lidelser og rusproblemer', 'Skrøpelige eldre'].map(
        (item) => ({ type: 'listItem', content: [p(text(item))] }),
      ),
    });
    expect(hf![1]).toEqual({
      type: 'table',
      content: [
        ['Region', 'Plasser i SSU'],
        ['Salten', '3'],
        ['Lofoten', '2'],
      ].map((row) => ({ type: 'tableRow', content: row.map((value) => cell('tableCell', value)) })),
    });
    expect(okonomi).toEqual([p(text('Saken har ingen økonomiske konsekvenser.'))]);
  });

  it('becomes a case, in one creation, whose sections hold exactly the reviewed text in the editor’s form', async () => {
    const reviewed = await preview(paper);
    // The paper's own number is taken by the demo case 04-2022: the reviewer leaves it to Samråd.
    const created = await createFrom(reviewed, { number: undefined, reference: undefined });
    expect(created.case.title).toBe(reviewed.header.title);
    expect(created.case.caseOfficers).toEqual(reviewed.header.caseOfficers);
    expect(created.case.meetingDate).toBe('2022-10-25');
    expect(outline(created.sections)).toEqual(outline(reviewed.sections));
    for (const [index, section] of created.sections.entries()) {
      expect(await storedNodes(created.case.id, section.id), section.title).toEqual(reviewed.sections[index]!.content);
    }
  });
});

describe('a paper exported by Samråd', () => {
  const rich: Record<string, SectionNode[]> = {
    innstilling: [
      p(
        text('SSU '),
        text('anbefaler', ['bold']),
        text(' at '),
        text('partnerskapsmøtet', ['italic']),
        text(' vedtar.'),
      ),
    ],
    bakgrunn: [
      { type: 'heading', attrs: { level: 1 }, content: [text('Om saken')] },
      p(
        text('Se '),
        {
          type: 'text',
          text: 'helsefellesskapets side',
          marks: [
            {
              type: 'link',
              attrs: {
                href: 'https://example.org/hf',
                target: '_blank',
                rel: 'noopener noreferrer nofollow',
                class: null,
                title: null,
              },
            },
          ],
        },
        text(' og '),
        text('gammel tekst', ['strike']),
        text('.'),
      ),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(text('Salten'))] },
          {
            type: 'listItem',
            content: [
              p(text('Lofoten')),
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('Vågan'))] }] },
            ],
          },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [
          { type: 'listItem', content: [p(text('Første steg'))] },
          { type: 'listItem', content: [p(text('Andre steg'))] },
        ],
      },
    ],
    kommune: [
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Region'), cell('tableHeader', 'Plasser')] },
          { type: 'tableRow', content: [cell('tableCell', 'Salten'), cell('tableCell', '3')] },
        ],
      },
    ],
  };

  it('comes back with the same sections and the same text (export → import)', async () => {
    const original = await send(people.sekretariat, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: 'Rundtur gjennom Word',
      kind: 'beslutningssak',
      caseOfficers: ['Sara Moe', 'Nils Berg'],
      documentDate: '2026-03-02',
      meetingDate: '2026-03-20',
      attachments: [{ title: 'Handlingsplan 2026' }],
      sections: [
        { kind: 'innstilling', title: 'Innstilling til konsensus', owner: 'shared', content: rich['innstilling'] },
        { kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared', content: rich['bakgrunn'] },
        { kind: 'vurdering', title: 'Kommunenes vurdering', owner: 'kommune', content: rich['kommune'] },
        { kind: 'vurdering', title: 'Nordlandssykehuset HFs vurdering', owner: 'helseforetak' },
        { kind: 'annet', title: 'Økonomiske konsekvenser', owner: 'shared', content: [p(text('Ingen.'))] },
      ],
    });
    expect(original.status, await original.clone().text()).toBe(201);
    const exported = (await original.json()) as Case;
    const detail = await caseDetail(people.sekretariat, exported.id);
    // What was created with text holds it in the editor's form.
    expect(await storedNodes(exported.id, detail.sections[1]!.id)).toEqual(rich['bakgrunn']);

    const docx = await send(people.sekretariat, 'GET', `/cases/${exported.id}/export.docx`);
    expect(docx.status).toBe(200);
    const reviewed = await preview(new Uint8Array(await docx.arrayBuffer()));

    expect(reviewed.header).toEqual({
      body: 'SSU',
      number: exported.number,
      title: 'Rundtur gjennom Word',
      kind: 'beslutningssak',
      caseOfficers: ['Sara Moe', 'Nils Berg'],
      documentDate: '2026-03-02',
      meetingDate: '2026-03-20',
      reference: exported.reference,
      attachments: [{ title: 'Handlingsplan 2026' }],
    });
    expect(outline(reviewed.sections)).toEqual(outline(detail.sections));
    const stored = await Promise.all(detail.sections.map((section) => storedNodes(exported.id, section.id)));
    // Links come back with the attributes the editor gives them once stored.
    const again = await createFrom(reviewed, { number: undefined, reference: undefined });
    const storedAgain = await Promise.all(again.sections.map((section) => storedNodes(again.case.id, section.id)));
    expect(storedAgain).toEqual(stored);
  });
});

describe('the import is refused', () => {
  it('to everyone but the secretariat, before the file is read', async () => {
    const paper = await seedPaperDocx();
    for (const session of [people.kommune, people.sykehus, people.observator]) {
      const response = await upload(session, paper);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toBe('forbidden');
    }
    expect((await upload(people.sekretariat, paper, 'helgeland')).status).toBe(404);
  });

  it('with a clear 400 for a file that is not a Word document, and the server goes on', async () => {
    const notZip = new TextEncoder().encode('dette er ikke et Word-dokument');
    const zip = new JSZip();
    zip.file('hei.txt', 'en zip-fil, men ikke en .docx');
    const wrongZip = await zip.generateAsync({ type: 'uint8array' });
    for (const file of [notZip, wrongZip, new Uint8Array(0)]) {
      const response = await upload(people.sekretariat, file);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/Word-dokument/);
    }
    const noFile = await upload(people.sekretariat, notZip, 'lvs', 'annet');
    expect(noFile.status).toBe(400);
    const json = await send(people.sekretariat, 'POST', '/communities/lvs/cases/import/preview', { file: 'x' });
    expect(json.status).toBe(400);
    expect((await send(people.sekretariat, 'GET', '/communities/lvs')).status).toBe(200);
  });

  it('with 413 for a small file that unpacks past the limit (a zip bomb), and the server goes on', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', new Uint8Array(MAX_UNPACKED_BYTES + 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.byteLength).toBeLessThan(MAX_IMPORT_BYTES);
    const response = await upload(people.sekretariat, bomb);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('too_large');
    expect((await send(people.sekretariat, 'GET', '/communities/lvs')).status).toBe(200);
  });

  it('with 413 for a file over the limit', async () => {
    const response = await upload(people.sekretariat, new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('too_large');
    expect((await send(people.sekretariat, 'GET', '/communities/lvs')).status).toBe(200);
  });
});

describe('a case created with text from outside the editor', () => {
  it('stores it in the editor’s form, whatever shape a hostile client sends', async () => {
    const hostile: unknown[] = [
      { type: 'text', text: 'løs tekst' },
      { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'bulletList', content: [] }] }] },
      {
        type: 'paragraph',
        content: [
          {
            type: 'text',
            text: 'lenke',
            marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }, { type: 'evil' }],
          },
        ],
      },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableCell' }, { type: 'tableCell' }] },
          {
            type: 'tableRow',
            content: [{ type: 'tableHeader', attrs: { colspan: 3, align: 'center', onclick: 'x' } }],
          },
        ],
      },
    ];
    const response = await send(people.sekretariat, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: 'Fiendtlig innhold',
      kind: 'drøftingssak',
      sections: [{ kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared', content: hostile }],
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = await caseDetail(people.sekretariat, ((await response.json()) as Case).id);
    const emptyCell = (type: string, attrs: Record<string, unknown> = {}) => ({
      type,
      attrs: { colspan: 1, rowspan: 1, ...attrs },
      content: [{ type: 'paragraph' }],
    });
    expect(await storedNodes(created.case.id, created.sections[0]!.id)).toEqual([
      p(text('løs tekst')),
      p(text('alert(1)')),
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
      p(text('lenke')),
      {
        type: 'table',
        content: [
          // The short first row is filled out to the width of the merged header cell below it.
          { type: 'tableRow', content: [emptyCell('tableCell'), emptyCell('tableCell'), emptyCell('tableCell')] },
          { type: 'tableRow', content: [emptyCell('tableHeader', { colspan: 3, align: 'center' })] },
        ],
      },
    ]);
  });

  it('is refused with 400 when the text nests deeper than any paper', async () => {
    let deep: Record<string, unknown> = { type: 'text', text: 'bunn' };
    for (let depth = 0; depth < 200; depth++) deep = { type: 'blockquote', content: [deep] };
    const response = await send(people.sekretariat, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: 'For dyp',
      kind: 'drøftingssak',
      sections: [{ kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared', content: [deep] }],
    });
    expect(response.status).toBe(400);
  });

  it('is refused to the other roles, as any creation is', async () => {
    const response = await send(people.kommune, 'POST', '/communities/lvs/cases', {
      body: 'SSU',
      title: 'Ikke min sak',
      kind: 'drøftingssak',
      sections: [{ kind: 'bakgrunn', title: 'Bakgrunn', owner: 'shared', content: [p(text('x'))] }],
    });
    expect(response.status).toBe(403);
  });
});
