import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The built server; SAMRAAD_E2E_SERVER points the test at another build of it. */
export const serverMain = process.env['SAMRAAD_E2E_SERVER'] ?? path.join(repoRoot, 'apps/server/dist/main.js');
export const webDist = path.join(repoRoot, 'apps/web/dist');
