import { SECTION_FRAGMENT } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
const cleanup: Array<SectionClient | RawClient> = [];

beforeAll(async () => {
  server = await startTestServer();
  [kommune, sykehus] = await Promise.all([login(server.url, DEMO.kommune), login(server.url, DEMO.sykehus)]);
});

afterAll(async () => {
  for (const c of cleanup) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  await server.close();
});

/** The section's element names as a fresh reader receives them from the server. */
async function storedShape(): Promise<string> {
  const fresh = connectSectionClient(sykehus, CASE, SECTION);
  await waitForSync(fresh);
  const shape = fresh.doc.getXmlFragment(SECTION_FRAGMENT).toString();
  fresh.destroy();
  return shape;
}

/**
 * A member sends `mutate`'s change to their own assessment from a raw client: it must be
 * refused with 4422 and never reach a reader. Proven with a barrier: an accepted sentence
 * sent afterwards on another socket reaches the reader, and the refused content is not there.
 */
async function expectRefused(mutate: (doc: Y.Doc) => void, problem: RegExp, barrier: string) {
  const watcher = connectSectionClient(sykehus, CASE, SECTION);
  cleanup.push(watcher);
  await waitForSync(watcher);
  const before = watcher.doc.getXmlFragment(SECTION_FRAGMENT).toString();

  const { client, local } = await connectRawWriter(kommune, CASE, SECTION);
  cleanup.push(client);
  const vector = Y.encodeStateVector(local);
  mutate(local);
  client.sendUpdate(Y.encodeStateAsUpdate(local, vector));
  const closed = await client.closed;
  expect(closed.code).toBe(4422);
  expect(closed.reason).toMatch(problem);

  const { client: honest, local: honestCopy } = await connectRawWriter(kommune, CASE, SECTION);
  cleanup.push(honest);
  honest.sendUpdate(appendTextUpdate(honestCopy, barrier));
  await waitFor(() => watcher.text().includes(barrier), 'the accepted sentence after the refused one');
  expect(watcher.doc.getXmlFragment(SECTION_FRAGMENT).toString()).toBe(
    before.replace(/(<\/paragraph>)/, `${barrier}$1`),
  );
  expect(await storedShape()).not.toMatch(/<img|<script|fontFamily|onclick/);
}

describe("the server checks every write against the editor's schema", () => {
  it("refuses an element the editor does not know (an <img>) in the member's own assessment", async () => {
    await expectRefused(
      (doc) => {
        const image = new Y.XmlElement('img');
        image.setAttribute('src', 'https://angriper.example/x.png');
        doc.getXmlFragment(SECTION_FRAGMENT).insert(1, [image]);
      },
      /ukjent element «img»/,
      ' Etter bildet.',
    );
  });

  it('refuses a second document root, a mark and an attribute the editor does not know', async () => {
    await expectRefused(
      (doc) => doc.getXmlFragment('skjult').insert(0, [new Y.XmlElement('paragraph')]),
      /ukjent dokumentrot «skjult»/,
      ' Etter roten.',
    );
    await expectRefused(
      (doc) => {
        const text = (doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.format(0, 4, { fontFamily: { name: 'Comic Sans' } });
      },
      /ukjent formatering «fontFamily»/,
      ' Etter formateringen.',
    );
    await expectRefused(
      (doc) => (doc.getXmlFragment(SECTION_FRAGMENT).get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)'),
      /ukjent egenskap «onclick»/,
      ' Etter egenskapen.',
    );
  });

  it('refuses elements where the editor would not keep them (a list item straight in the document, text at the root)', async () => {
    await expectRefused(
      (doc) => doc.getXmlFragment(SECTION_FRAGMENT).insert(0, [new Y.XmlElement('listItem')]),
      /«listItem» kan ikke stå her/,
      ' Etter listepunktet.',
    );
    await expectRefused(
      (doc) => {
        const text = new Y.XmlText();
        text.insert(0, 'løs tekst');
        doc.getXmlFragment(SECTION_FRAGMENT).insert(0, [text]);
      },
      /tekst kan ikke stå her/,
      ' Etter den løse teksten.',
    );
  });

  it('refuses a malformed table: a cell straight in the table, a row at the root, text straight in a row', async () => {
    await expectRefused(
      (doc) => {
        const table = new Y.XmlElement('table');
        table.insert(0, [cell('tableCell', 'løs celle')]);
        doc.getXmlFragment(SECTION_FRAGMENT).insert(1, [table]);
      },
      /«tableCell» kan ikke stå her/,
      ' Etter den løse cellen.',
    );
    await expectRefused(
      (doc) => doc.getXmlFragment(SECTION_FRAGMENT).insert(1, [row(['løs rad'])]),
      /«tableRow» kan ikke stå her/,
      ' Etter den løse raden.',
    );
    await expectRefused(
      (doc) => {
        const table = new Y.XmlElement('table');
        const loose = new Y.XmlElement('tableRow');
        loose.insert(0, [paragraphOf('avsnitt i raden')]);
        table.insert(0, [loose]);
        doc.getXmlFragment(SECTION_FRAGMENT).insert(1, [table]);
      },
      /«paragraph» kan ikke stå her/,
      ' Etter avsnittet i raden.',
    );
    await expectRefused(
      (doc) => {
        const table = new Y.XmlElement('table');
        const header = cell('tableHeader', 'Kommune');
        header.setAttribute('colwidth', { evil: true } as unknown as string);
        const first = new Y.XmlElement('tableRow');
        first.insert(0, [header]);
        table.insert(0, [first]);
        doc.getXmlFragment(SECTION_FRAGMENT).insert(1, [table]);
      },
      /ugyldig verdi for «colwidth»/,
      ' Etter den rare bredden.',
    );
  });

  it('accepts what the editor writes: headings with a level, bold and a link, a numbered list', async () => {
    const watcher = connectSectionClient(sykehus, CASE, SECTION);
    cleanup.push(watcher);
    await waitForSync(watcher);
    const { client, local } = await connectRawWriter(kommune, CASE, SECTION);
    cleanup.push(client);
    const vector = Y.encodeStateVector(local);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as unknown as string);
    const title = new Y.XmlText();
    title.insert(0, 'Oppsummering', { bold: {} });
    title.insert(title.length, ' lenke', {
      link: {
        href: 'https://helse-nord.no',
        target: '_blank',
        rel: 'noopener noreferrer nofollow',
        class: null,
        title: null,
      },
    });
    heading.insert(0, [title]);
    const list = new Y.XmlElement('orderedList');
    list.setAttribute('start', 1 as unknown as string);
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    const point = new Y.XmlText();
    point.insert(0, 'Første punkt');
    paragraph.insert(0, [point]);
    item.insert(0, [paragraph]);
    list.insert(0, [item]);
    local.getXmlFragment(SECTION_FRAGMENT).insert(0, [heading, list]);
    client.sendUpdate(Y.encodeStateAsUpdate(local, vector));
    await waitFor(() => watcher.text().includes('Første punkt'), 'the heading and list at another reader');
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(await storedShape()).toMatch(
      /^<heading level="2">.*<bold>Oppsummering<\/bold>.*<orderedlist start="1"><listitem><paragraph>Første punkt/,
    );
  });

  it('accepts a table as the editor writes it: a header row and a row of figures', async () => {
    const watcher = connectSectionClient(sykehus, CASE, SECTION);
    cleanup.push(watcher);
    await waitForSync(watcher);
    const { client, local } = await connectRawWriter(kommune, CASE, SECTION);
    cleanup.push(client);
    const vector = Y.encodeStateVector(local);
    const table = new Y.XmlElement('table');
    const header = new Y.XmlElement('tableRow');
    header.insert(0, [cell('tableHeader', 'Kommune'), cell('tableHeader', 'Antall')]);
    const figures = new Y.XmlElement('tableRow');
    const municipality = cell('tableCell', 'Bodø');
    // A width set by dragging a column edge: the one attribute that is a list.
    municipality.setAttribute('colwidth', [120] as unknown as string);
    figures.insert(0, [municipality, cell('tableCell', '12')]);
    table.insert(0, [header, figures]);
    local.getXmlFragment(SECTION_FRAGMENT).insert(1, [table]);
    client.sendUpdate(Y.encodeStateAsUpdate(local, vector));
    await waitFor(() => watcher.text().includes('Bodø'), 'the table at another reader');
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    expect(await storedShape()).toMatch(
      /<table><tablerow><tableheader colspan="1" rowspan="1"><paragraph>Kommune<\/paragraph><\/tableheader>.*<tablecell .*><paragraph>12<\/paragraph><\/tablecell><\/tablerow><\/table>/,
    );
  });

  it('writes one audit row for a burst of refused content, not one per attempt', async () => {
    const before = await refusalsIn(SECTION);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { client, local } = await connectRawWriter(kommune, CASE, SECTION);
      cleanup.push(client);
      const vector = Y.encodeStateVector(local);
      local.getXmlFragment(SECTION_FRAGMENT).insert(0, [new Y.XmlElement('img')]);
      client.sendUpdate(Y.encodeStateAsUpdate(local, vector));
      expect((await client.closed).code).toBe(4422);
    }
    // Earlier tests in this file refused in this section already: the burst adds at most one summed row.
    expect((await refusalsIn(SECTION)).length - before.length).toBeLessThanOrEqual(1);
  });
});

function paragraphOf(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text);
  paragraph.insert(0, [run]);
  return paragraph;
}

/** A cell as the editor writes it: its non-null attribute defaults stored, a paragraph inside. */
function cell(nodeName: 'tableCell' | 'tableHeader', text: string): Y.XmlElement {
  const created = new Y.XmlElement(nodeName);
  created.setAttribute('colspan', 1 as unknown as string);
  created.setAttribute('rowspan', 1 as unknown as string);
  created.insert(0, [paragraphOf(text)]);
  return created;
}

function row(texts: string[]): Y.XmlElement {
  const created = new Y.XmlElement('tableRow');
  created.insert(
    0,
    texts.map((text) => cell('tableCell', text)),
  );
  return created;
}

async function refusalsIn(sectionId: string) {
  const response = await sessionFetch(kommune, `/api/cases/${CASE}/activity`);
  return ((await response.json()) as Array<{ sectionId: string; action: string }>).filter(
    (e) => e.action === 'refused' && e.sectionId === sectionId,
  );
}
