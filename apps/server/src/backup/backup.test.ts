import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Case, CaseDetail, Community } from '@samraad/schema';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sqliteDatabasePath } from '../db/sqlite-file.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { DEMO, login, sessionFetch, type TestSession } from '../test-support/session.js';
import { TEST_DB } from '../test-support/test-database.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { connectTypists, startTyping, tokensIn } from '../test-support/typists.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';
import { BackupRefused, backupSqlite, restoreSqlite } from './sqlite-backup.js';

const run = promisify(execFile);
const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASE = 'lvs-04-2022';
const SECTION = 'kommunenes-vurdering';

/** The CLIs as `pnpm backup` / `pnpm restore` run them (tsx), with DATA_DIR for the server. */
function cli(script: 'backup-cli.ts' | 'restore-cli.ts', args: string[], dataDir: string) {
  return run(process.execPath, ['--import', 'tsx', path.join(serverRoot, 'src/backup', script), ...args], {
    cwd: serverRoot,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

const servers: ServerProcess[] = [];
const clients: SectionClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) if (server.child.exitCode === null) await server.stop();
});

async function start(dataDir: string): Promise<ServerProcess> {
  const server = await spawnServer(dataDir);
  servers.push(server);
  return server;
}

async function getJson<T>(session: TestSession, url: string): Promise<T> {
  const response = await sessionFetch(session, url);
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Every case of every community, read as that community's secretariat (who may read them all). */
async function everyCase(baseUrl: string): Promise<Array<{ session: TestSession; detail: CaseDetail }>> {
  const found: Array<{ session: TestSession; detail: CaseDetail }> = [];
  for (const email of [DEMO.sekretariat, 'sekretariat@helgeland.demo']) {
    const session = await login(baseUrl, email);
    for (const community of await getJson<Community[]>(session, '/api/communities')) {
      for (const summary of await getJson<Case[]>(session, `/api/communities/${community.id}/cases`)) {
        found.push({ session, detail: await getJson<CaseDetail>(session, `/api/cases/${summary.id}`) });
      }
    }
  }
  return found;
}

/** A section as the server serves it to a stock client. */
async function served(
  session: TestSession,
  caseId: string,
  sectionId: string,
): Promise<{ text: string; stateVector: Uint8Array }> {
  const client = connectSectionClient(session, caseId, sectionId);
  clients.push(client);
  await waitForSync(client);
  const result = { text: client.text(), stateVector: Y.encodeStateVector(client.doc) };
  client.destroy();
  return result;
}

describe.skipIf(TEST_DB === 'postgres')('backup and restore of the embedded database', () => {
  it('restores a backup taken while someone types to a server that serves every case and section as the original had them', async () => {
    const originalDir = makeTempDir();
    const original = await start(originalDir);
    const kommune = await login(original.url, DEMO.kommune);
    const witness = connectSectionClient(await login(original.url, DEMO.sekretariat), CASE, SECTION);
    clients.push(witness);
    const [typist] = connectTypists(
      1,
      () => kommune,
      () => SECTION,
      CASE,
    );
    clients.push(typist!.client);
    await Promise.all([waitForSync(witness), waitForSync(typist!.client)]);
    const base = witness.text();
    const stopTyping = startTyping([typist!], 15);
    await waitFor(() => tokensIn(witness.text()).length >= 10, 'typing to reach the witness');
    const relayedBeforeBackup = tokensIn(witness.text());

    const backupDir = makeTempDir();
    const { stdout } = await cli('backup-cli.ts', ['--out', backupDir], originalDir);
    const relayedDuringBackup = tokensIn(witness.text()).length;
    stopTyping();
    const [backupFile, ...others] = fs.readdirSync(backupDir);
    expect(others).toEqual([]);
    expect(backupFile).toMatch(/^samraad-\d{4}-\d{2}-\d{2}T[\d-]+Z\.db$/);
    expect(stdout).toContain(path.join(backupDir, backupFile!));
    // The typing went on while the backup ran, so the backup is of a moment mid-typing.
    await waitFor(() => tokensIn(witness.text()).length === typist!.typed.length, 'the last tokens relayed');
    expect(relayedDuringBackup).toBeGreaterThan(relayedBeforeBackup.length);

    const restoredDir = makeTempDir();
    await cli('restore-cli.ts', [path.join(backupDir, backupFile!)], restoredDir);
    const restored = await start(restoredDir);

    const originalCases = await everyCase(original.url);
    const restoredCases = await everyCase(restored.url);
    expect(restoredCases.map(({ detail }) => detail.case.id)).toEqual(
      originalCases.map(({ detail }) => detail.case.id),
    );
    expect(originalCases.length).toBeGreaterThanOrEqual(4);
    let sections = 0;
    for (const [index, { session, detail }] of originalCases.entries()) {
      const restoredCase = restoredCases[index]!;
      expect(restoredCase.detail).toEqual(detail);
      for (const section of detail.sections) {
        sections++;
        const before = await served(session, detail.case.id, section.id);
        const after = await served(restoredCase.session, detail.case.id, section.id);
        if (detail.case.id === CASE && section.id === SECTION) {
          // The typed section is as it was at the backup's moment: the original's text up to
          // some token, with everything relayed before the backup began.
          const restoredTokens = tokensIn(after.text);
          expect(after.text).toBe(base + restoredTokens.join(''));
          expect(restoredTokens).toEqual(typist!.typed.slice(0, restoredTokens.length));
          expect(restoredTokens.slice(0, relayedBeforeBackup.length)).toEqual(relayedBeforeBackup);
          expect(before.text.startsWith(after.text)).toBe(true);
        } else {
          expect(after.text).toBe(before.text);
          expect(after.stateVector).toEqual(before.stateVector);
        }
      }
    }
    expect(sections).toBeGreaterThan(originalCases.length);
  }, 180_000);

  it('refuses to restore over a database unless forced, then keeps the old one aside; refuses a file that is no database', async () => {
    // A stopped server's data folder, as `pnpm restore` expects it.
    const source = makeTempDir();
    const server = await start(source);
    await server.stop();
    const backup = await backupSqlite(source, makeTempDir());

    const target = makeTempDir();
    restoreSqlite(backup.file, target);
    const firstRestore = fs.readFileSync(sqliteDatabasePath(target));
    expect(() => restoreSqlite(backup.file, target)).toThrow(BackupRefused);
    expect(fs.readFileSync(sqliteDatabasePath(target)).equals(firstRestore)).toBe(true);
    const forced = restoreSqlite(backup.file, target, { force: true });
    expect(forced.movedAside).not.toBeNull();
    expect(fs.readFileSync(path.join(forced.movedAside!, 'samraad.db')).equals(firstRestore)).toBe(true);

    const notADatabase = path.join(makeTempDir(), 'notat.db');
    fs.writeFileSync(notADatabase, 'Dette er ikke en database.');
    const untouched = makeTempDir();
    expect(() => restoreSqlite(notADatabase, untouched)).toThrow(BackupRefused);
    expect(fs.existsSync(sqliteDatabasePath(untouched))).toBe(false);
  });
});
