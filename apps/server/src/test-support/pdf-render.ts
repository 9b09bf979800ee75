import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-dir.js';

/** Text of a PDF as poppler's pdftotext reads it, whitespace folded. */
export function pdfText(pdf: Buffer): string {
  const file = path.join(makeTempDir(), 'text.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** First page rendered by poppler to greyscale: size and the share of dark pixels (overall and in the top third). */
export function renderFirstPage(pdf: Buffer): { width: number; height: number; ink: number; inkTopThird: number } {
  const dir = makeTempDir();
  const file = path.join(dir, 'paper.pdf');
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
  const image = fs.readdirSync(dir).find((name) => name.endsWith('.pgm'))!;
  const pgm = fs.readFileSync(path.join(dir, image));
  // Binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
  const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(pgm.length - width * height);
  let ink = 0;
  let inkTopThird = 0;
  pixels.forEach((value, index) => {
    if (value < 128) {
      ink++;
      if (index < (width * height) / 3) inkTopThird++;
    }
  });
  return { width, height, ink: ink / pixels.length, inkTopThird: inkTopThird / pixels.length };
}
