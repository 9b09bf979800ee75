import type { Case, CommentThread, NotificationList } from '@samraad/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { loginDemoRoles, type TestSession } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB } from '../test-support/test-database.js';

const CASE = 'lvs-04-2022';
const ANCHOR = { start: 'AAECAw==', end: 'BAUGBw==' };

const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await s.crash();
});

async function start(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await spawnServer(dataDir, env);
  servers.push(server);
  return server;
}

/**
 * A server that kills itself between a fact's writes and its notices (inside the one
 * transaction that holds both), on a data folder already seeded: the seed tells nobody.
 */
async function startArmed(dataDir: string): Promise<ServerProcess> {
  const seeding = await start(dataDir);
  await seeding.stop();
  return start(dataDir, { SAMRAAD_FAULT_POINT: 'before-notices' });
}

/** Runs `step`, which makes the server kill itself at its fault point; the request never answers. */
async function crashDuring(server: ServerProcess, step: () => Promise<Response>): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    server.child.once('exit', (_code, signal) => resolve(signal)),
  );
  await expect(step()).rejects.toThrow();
  expect(await exited).toBe('SIGKILL');
}

async function bell(session: TestSession): Promise<NotificationList> {
  const response = await send(session, 'GET', '/me/notifications');
  expect(response.status).toBe(200);
  return (await response.json()) as NotificationList;
}

async function statusOf(session: TestSession): Promise<Case['status']> {
  return (await consensusOf(session, CASE)).status;
}

describe(`a fact and its notices commit together through a SIGKILL (${TEST_DB})`, () => {
  it('a kill before the notices of a move to til beslutning leaves neither the move nor the notices; again, both', async () => {
    const dataDir = makeTempDir();
    const armed = await startArmed(dataDir);
    const before = await loginDemoRoles(armed.url);
    const statusBefore = await statusOf(before.sekretariat);
    expect(statusBefore).not.toBe('til_beslutning');
    await crashDuring(armed, () => moveCase(before.sekretariat, CASE, 'til_beslutning'));

    const restarted = await start(dataDir);
    const roles = await loginDemoRoles(restarted.url);
    // Rolled back whole: had the move committed without them, nobody would ever be asked to approve.
    expect(await statusOf(roles.sekretariat)).toBe(statusBefore);
    expect((await bell(roles.kommune)).items.some((n) => n.kind === 'approval-needed' && n.caseId === CASE)).toBe(
      false,
    );

    expect((await moveCase(roles.sekretariat, CASE, 'til_beslutning')).status).toBe(200);
    expect(await statusOf(roles.sekretariat)).toBe('til_beslutning');
    for (const session of [roles.kommune, roles.sykehus]) {
      const asked = (await bell(session)).items.filter((n) => n.kind === 'approval-needed' && n.caseId === CASE);
      expect(asked).toHaveLength(1);
    }
  }, 120_000);

  it('a kill before the notice of a mention leaves neither the comment nor the notice', async () => {
    const dataDir = makeTempDir();
    const armed = await startArmed(dataDir);
    const before = await loginDemoRoles(armed.url);
    const nilsId = ((await (await send(before.sykehus, 'GET', '/auth/session')).json()) as { user: { id: string } })
      .user.id;
    const mention = (body: string) => ({
      sectionId: 'kommunenes-vurdering',
      anchor: ANCHOR,
      quote: 'RKK',
      body,
      mentions: [nilsId],
    });
    await crashDuring(armed, () => send(before.kommune, 'POST', `/cases/${CASE}/threads`, mention('Nils, se her')));

    const restarted = await start(dataDir);
    const roles = await loginDemoRoles(restarted.url);
    const threads = (await (await send(roles.kommune, 'GET', `/cases/${CASE}/threads`)).json()) as CommentThread[];
    expect(threads.some((t) => t.comments.some((c) => c.body === 'Nils, se her'))).toBe(false);
    expect((await bell(roles.sykehus)).items.some((n) => n.kind === 'mention')).toBe(false);

    const created = await send(roles.kommune, 'POST', `/cases/${CASE}/threads`, mention('Nils, se her'));
    expect(created.status).toBe(201);
    const thread = (await created.json()) as CommentThread;
    expect(
      (await bell(roles.sykehus)).items.filter((n) => n.kind === 'mention' && n.threadId === thread.id),
    ).toHaveLength(1);
  }, 120_000);
});
