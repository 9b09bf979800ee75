import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '@samraad/schema';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, refusalText } from './close-codes.js';

const apps = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Every non-test TypeScript source under a folder. */
function sources(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** The code without its comments, which may name a close code to explain it. */
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('WebSocket close codes: one table for the server and the web client', () => {
  it('is the schema package’s table on the server, not a copy', () => {
    expect(CLOSE_CODES).toBe(schema.CLOSE_CODES);
  });

  it('has one code per meaning', () => {
    const codes = Object.values(CLOSE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is not written out as numbers anywhere in the server or the web app', () => {
    const written = Object.values(CLOSE_CODES).join('|');
    const literal = new RegExp(`\\b(${written})\\b`);
    const offenders = [...sources(path.join(apps, 'server/src')), ...sources(path.join(apps, 'web/src'))].filter(
      (file) => literal.test(withoutComments(fs.readFileSync(file, 'utf8'))),
    );
    expect(offenders.map((file) => path.relative(apps, file))).toEqual([]);
  });

  it('closes a refused write with the one wording of its reason', () => {
    expect(refusalText('locked')).toBe(schema.REFUSAL_TEXT.locked);
    expect(refusalText('observer')).toMatch(/observatører/);
  });
});
