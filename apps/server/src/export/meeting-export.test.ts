import JSZip from 'jszip';
import type { Body, MeetingDetail, PublicCommunityPage } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { send } from '../test-support/consensus-api.js';
import { pdfText, renderFirstPage } from '../test-support/pdf-render.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';

let server: RunningServer;
let kommune: TestSession;
let secretariat: TestSession;
let helgeland: TestSession;
let openMeeting: string;
let closedMeeting: string;

beforeAll(async () => {
  server = await startTestServer();
  [kommune, secretariat, helgeland] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.sekretariat),
    login(server.url, DEMO.helgelandKommune),
  ]);
  const bodies = (await (await send(secretariat, 'GET', '/communities/lvs/bodies')).json()) as Body[];
  const plan = async (kind: Body['kind'], date: string) => {
    const bodyId = bodies.find((b) => b.kind === kind)!.id;
    const response = await send(secretariat, 'POST', '/communities/lvs/meetings', {
      bodyId,
      date,
      place: 'Bodø rådhus',
    });
    expect(response.status).toBe(201);
    const { meeting } = (await response.json()) as MeetingDetail;
    const agenda = await send(secretariat, 'PUT', `/meetings/${meeting.id}/agenda`, {
      caseIds: ['lvs-06-2021', 'lvs-04-2022', 'lvs-07-2021'],
    });
    expect(agenda.status).toBe(200);
    return meeting.id;
  };
  openMeeting = await plan('partnerskapsmote', '2022-10-25');
  closedMeeting = await plan('ssu', '2022-11-15');
});

afterAll(async () => {
  await server.close();
});

const TITLES = [
  'Vestfjorderklæringen for helsefellesskapet Lofoten, Vesterålen og Salten',
  'Samhandlingsarenaer i Helsefelleskapet Lofoten, Vesterålen, Salten',
  'Partnerskapsmøte sak 07-2021',
];

describe('export of a whole meeting', () => {
  it('writes the notice, the agenda in order and every case on it to DOCX', async () => {
    const response = await sessionFetch(kommune, `/api/meetings/${openMeeting}/export.docx`);
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    for (const expected of [
      'Innkalling til',
      'Møtedato: 25.10.2022',
      'Sted: Bodø rådhus',
      'Saksliste',
      'Sak 06-2021',
      'Sak 04-2022',
      'Vår ref: 2022/2936',
      ...TITLES,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.indexOf('Sak 06-2021')).toBeLessThan(text.indexOf('Sak 04-2022'));
  });

  it('writes a PDF whose first page renders with the notice and the agenda', async () => {
    const response = await sessionFetch(kommune, `/api/meetings/${openMeeting}/export.pdf`);
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = pdfText(pdf);
    for (const expected of ['Saksliste', 'Innstilling til konsensus', ...TITLES]) expect(text).toContain(expected);
    const page = renderFirstPage(pdf);
    expect(page.inkTopThird).toBeGreaterThan(0.002);
    expect(page.ink).toBeLessThan(0.3);
  });

  it("prints the meeting's own date on every case in it, not the date each case had stored", async () => {
    // The SSU meeting is on 15.11.2022; 04-2022 was stored for 25.10.2022, the others for 2021.
    const docx = await sessionFetch(kommune, `/api/meetings/${closedMeeting}/export.docx`);
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const dates = [...text.matchAll(/Møtedato: (\d\d\.\d\d\.\d{4})/g)].map((m) => m[1]);
    // The notice and each of the three cases.
    expect(dates).toEqual(['15.11.2022', '15.11.2022', '15.11.2022', '15.11.2022']);

    const pdf = pdfText(
      Buffer.from(await (await sessionFetch(kommune, `/api/meetings/${closedMeeting}/export.pdf`)).arrayBuffer()),
    );
    expect(pdf).not.toContain('25.10.2022');
    expect(pdf.split('15.11.2022').length - 1).toBeGreaterThanOrEqual(4);
  });

  it('answers someone outside the community as if the meeting did not exist', async () => {
    expect((await sessionFetch(helgeland, `/api/meetings/${openMeeting}/export.pdf`)).status).toBe(404);
  });
});

describe('meetings on the public page', () => {
  it('lists Partnerskapsmøtet with only its published cases, and no closed meetings', async () => {
    const response = await fetch(`${server.url}/api/public/communities/lvs`);
    const page = (await response.json()) as PublicCommunityPage;
    expect(page.meetings.map((m) => m.id)).toEqual([openMeeting]);
    expect(page.meetings[0]!.agenda.map((item) => item.caseId)).toEqual(['lvs-06-2021']);
    expect((await fetch(`${server.url}/api/public/meetings/${closedMeeting}/export.pdf`)).status).toBe(404);
    const pdf = await fetch(`${server.url}/api/public/meetings/${openMeeting}/export.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('Vestfjorderklæringen');
    expect(text).not.toContain('Samhandlingsarenaer');
    expect(text).not.toContain('sak 07-2021');
  });
});
