import { generateJSON } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from './pasteFromWord.js';
import { sectionContentExtensions } from './sectionExtensions.js';

/** The pasted HTML as the editor's schema reads it after the transform (in Chromium's own DOM). */
const pasted = (html: string): unknown[] =>
  (generateJSON(cleanPastedHtml(html), sectionContentExtensions()) as { content: unknown[] }).content;

const text = (value: string, ...marks: string[]) =>
  marks.length > 0
    ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) }
    : { type: 'text', text: value };
const item = (value: string, ...nested: unknown[]) => ({
  type: 'listItem',
  content: [{ type: 'paragraph', content: [text(value)] }, ...nested],
});

/** A Word list paragraph at `level` with its typed marker, as Word puts it on the clipboard. */
const wordItem = (marker: string, value: string, level = 1) =>
  `<p class=MsoListParagraphCxSpMiddle style='text-indent:-18.0pt;mso-list:l0 level${level} lfo1'><!--[if !supportLists]--><span style='font-family:Symbol'><span style='mso-list:Ignore'>${marker}<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><!--[endif]-->${value}<o:p></o:p></p>`;

describe('pasting from Word', () => {
  it('makes bullet and numbered paragraphs two lists, and a skipped level still a nested one', () => {
    expect(
      pasted(
        [wordItem('·', 'Salten'), wordItem('·', 'Lofoten'), wordItem('1.', 'Først'), wordItem('§', 'Dypt', 3)].join(''),
      ),
    ).toEqual([
      { type: 'bulletList', content: [item('Salten'), item('Lofoten')] },
      {
        type: 'orderedList',
        attrs: { start: 1, type: null },
        content: [item('Først', { type: 'bulletList', content: [item('Dypt')] })],
      },
    ]);
  });

  it("reads Word's title style as a heading and a bookmark as plain text", () => {
    expect(
      pasted(
        `<p class=MsoTitle><span style='font-size:28.0pt'>Handlingsplan<o:p></o:p></span></p><p class=MsoNormal><a name="_Toc1">Bakgrunn</a> og <a href="#_Toc2">mer</a></p>`,
      ),
    ).toEqual([
      { type: 'heading', attrs: { level: 1 }, content: [text('Handlingsplan')] },
      { type: 'paragraph', content: [text('Bakgrunn og mer')] },
    ]);
  });
});

describe('pasting from Google Docs', () => {
  it('keeps bold and italic given by style, and does not make the whole paste bold', () => {
    expect(
      pasted(
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b"><p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:700;">Fet</span><span style="font-size:11pt;font-family:Arial,sans-serif;font-weight:400;"> og </span><span style="font-size:11pt;font-style:italic;">kursiv</span></p></b>',
      ),
    ).toEqual([{ type: 'paragraph', content: [text('Fet', 'bold'), text(' og '), text('kursiv', 'italic')] }]);
  });
});
