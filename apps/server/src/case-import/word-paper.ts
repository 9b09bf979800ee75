import type { CaseImportPreview } from '@samraad/schema';
import { InvalidInput } from '../errors/domain-errors.js';
import { readCasePaper } from './case-paper.js';
import { assertUnpacksWithin } from './zip-budget.js';
import { wordHtmlToNodes } from './word-html.js';

/** Word styles mammoth leaves out by default that the editor has: underline, and the Title style as a heading. */
const STYLE_MAP = ['u => u', "p[style-name='Title'] => h1:fresh", "p[style-name='Tittel'] => h1:fresh"];

/**
 * A .docx case paper as the case it describes, for review before it is created. mammoth is
 * loaded on the first import, not at start (as the export's libraries are): most instances
 * never import. It reads no file the document points to, and images are left out (a section
 * holds text).
 */
export async function readWordPaper(file: Uint8Array): Promise<CaseImportPreview> {
  assertUnpacksWithin(file);
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(file.buffer, file.byteOffset, file.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw new InvalidInput('filen kan ikke leses som et Word-dokument (.docx)', undefined, 'invalid_body');
  }
  return readCasePaper(wordHtmlToNodes(html));
}
