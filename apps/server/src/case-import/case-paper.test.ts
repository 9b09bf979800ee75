import type { SectionNode } from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import { isoDate, readCasePaper } from './case-paper.js';

const p = (text: string): SectionNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const h = (level: number, text: string): SectionNode => ({
  type: 'heading',
  attrs: { level },
  content: [{ type: 'text', text }],
});
const ol = (...items: string[]): SectionNode => ({
  type: 'orderedList',
  attrs: { start: 1 },
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
});

describe('reading a case paper', () => {
  it('written without heading styles (seeds/000): known names on a line of their own start the sections', () => {
    const { header, sections } = readCasePaper([
      p('Partnerskapsmøte sak 06-2021'),
      p('Vestfjorderklæringen for helsefellesskapet Lofoten, Vesterålen og Salten'),
      p('Vedlegg (t):'),
      p('Vestfjorderklæringa 2021 - 2023'),
      p('Anbefaling:'),
      ol('Partnerskapsmøtet slutter seg til vedlagte partnerskapserklæring'),
      p('Bakgrunn:'),
      p('I tråd med mandat gitt av Overordnet samarbeidsorgan (OSO) i sak 004-2021 …'),
      p('Saksbehandler:  Trude Kristin Kristensen'),
    ]);
    expect(header).toMatchObject({
      body: 'Partnerskapsmøte',
      number: '06-2021',
      title: 'Vestfjorderklæringen for helsefellesskapet Lofoten, Vesterålen og Salten',
      caseOfficers: ['Trude Kristin Kristensen'],
      attachments: [{ title: 'Vestfjorderklæringa 2021 - 2023' }],
      kind: 'beslutningssak',
    });
    expect(sections.map(({ title, kind }) => `${title} (${kind})`)).toEqual([
      'Anbefaling (innstilling)',
      'Bakgrunn (bakgrunn)',
    ]);
    expect(sections[0]!.content).toEqual([ol('Partnerskapsmøtet slutter seg til vedlagte partnerskapserklæring')]);
  });

  it('keeps deeper headings inside their section, one level below it as level 1', () => {
    const { sections } = readCasePaper([
      h(1, 'Tittel'),
      h(2, 'Bakgrunn'),
      h(3, 'Historikk'),
      p('Tekst.'),
      h(2, 'Brukerutvalgets innspill'),
    ]);
    expect(sections.map(({ title, kind, owner }) => `${title} (${kind}, ${owner})`)).toEqual([
      'Bakgrunn (bakgrunn, shared)',
      'Brukerutvalgets innspill (annet, shared)',
    ]);
    expect(sections[0]!.content).toEqual([h(1, 'Historikk'), p('Tekst.')]);
  });

  it('reads a second consensus wording as a free section, since a case has one', () => {
    const { sections } = readCasePaper([
      h(1, 'Innstilling til konsensus'),
      h(1, 'Anbefaling'),
      h(1, 'Helgelandssykehusets vurdering'),
    ]);
    expect(sections.map(({ kind, owner }) => `${kind} ${owner}`)).toEqual([
      'innstilling shared',
      'annet shared',
      'vurdering helseforetak',
    ]);
  });

  it('takes text before the first section heading as a free section rather than losing it', () => {
    const { header, sections } = readCasePaper([
      p('SSU sak 4/2023'),
      p('Tittel'),
      p('Noe innledende.'),
      h(2, 'Bakgrunn'),
    ]);
    expect(header.number).toBe('04-2023');
    expect(sections[0]).toEqual({
      kind: 'annet',
      title: 'Innledende tekst',
      owner: 'shared',
      content: [p('Noe innledende.')],
    });
  });
});

describe('dates on the papers', () => {
  it.each([
    ['04.10.2022', '2022-10-04'],
    ['4.1.2023', '2023-01-04'],
    ['25. oktober 2022', '2022-10-25'],
    ['31.02.2022', null],
    ['i morgen', null],
  ])('%s is %s', (text, iso) => {
    expect(isoDate(text)).toBe(iso);
  });
});
