import type { ConsensusState, SectionVersion } from '@samraad/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { spawnServer, type ServerProcess } from '../test-support/server-process.js';
import { loginDemoRoles, type DemoRoles } from '../test-support/session.js';
import { makeTempDir } from '../test-support/temp-dir.js';
import { TEST_DB } from '../test-support/test-database.js';

const CASE = 'lvs-04-2022';
/** The wording and both assessments: what locks together with consensus. */
const LOCKING = ['innstilling', 'kommunenes-vurdering', 'nlsh-vurdering'];
const REOPEN_REASON = 'Budsjettet er endret';

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
 * A server that will kill itself at `point`, on a data folder already seeded: the demo seed
 * approves and locks cases through the same consensus steps, and must not trip the point.
 */
async function startArmed(dataDir: string, point: string): Promise<ServerProcess> {
  const seeding = await start(dataDir);
  await seeding.stop();
  return start(dataDir, { SAMRAAD_FAULT_POINT: point });
}

async function versionLabels(roles: DemoRoles, sectionId: string): Promise<string[]> {
  const response = await send(roles.sekretariat, 'GET', `/cases/${CASE}/sections/${sectionId}/versions`);
  expect(response.status).toBe(200);
  return ((await response.json()) as SectionVersion[]).map((v) => v.label);
}

/** Everything the final approval writes, as the restarted server reports it. */
async function consensusFacts(roles: DemoRoles) {
  const state: ConsensusState = await consensusOf(roles.sekretariat, CASE);
  const active = state.approvals.filter((a) => a.voidedAt === null);
  const lockVersions = await Promise.all(
    LOCKING.map(async (id) => (await versionLabels(roles, id)).filter((l) => l === 'Låst ved konsensus').length),
  );
  const approvalVersions = (await versionLabels(roles, 'innstilling')).filter((l) =>
    l.startsWith('Godkjent for helseforetaket'),
  ).length;
  return {
    status: state.status,
    locked: state.locks.map((l) => l.sectionId).sort(),
    activeSides: active.map((a) => a.side).sort(),
    lockVersions,
    approvalVersions,
    openReopenRequest: state.openReopenRequest !== null,
    confirmedReopens: state.reopenHistory.filter((r) => r.confirmedAt !== null).length,
    reopenVersions: await Promise.all(
      LOCKING.map(
        async (id) => (await versionLabels(roles, id)).filter((l) => l === `Gjenåpnet: ${REOPEN_REASON}`).length,
      ),
    ),
  };
}

/** Runs `step`, which makes the server kill itself at its fault point; the request never answers. */
async function crashDuring(server: ServerProcess, step: () => Promise<Response>): Promise<void> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    server.child.once('exit', (_code, signal) => resolve(signal)),
  );
  await expect(step()).rejects.toThrow();
  expect(await exited).toBe('SIGKILL');
}

/** The case in the decision round with the municipal side's approval standing. */
async function oneSideApproved(url: string): Promise<{ roles: DemoRoles; hash: string }> {
  const roles = await loginDemoRoles(url);
  expect((await moveCase(roles.sekretariat, CASE, 'til_beslutning')).status).toBe(200);
  const hash = (await consensusOf(roles.kommune, CASE)).currentHash!;
  expect((await approve(roles.kommune, CASE, hash)).status).toBe(201);
  return { roles, hash };
}

const NOTHING_LOCKED = {
  status: 'til_beslutning',
  locked: [],
  activeSides: ['kommune'],
  lockVersions: [0, 0, 0],
  approvalVersions: 0,
  openReopenRequest: false,
  confirmedReopens: 0,
  reopenVersions: [0, 0, 0],
};
const ALL_LOCKED = {
  status: 'konsensus',
  locked: [...LOCKING].sort(),
  activeSides: ['helseforetak', 'kommune'],
  lockVersions: [1, 1, 1],
  approvalVersions: 1,
  openReopenRequest: false,
  confirmedReopens: 0,
  reopenVersions: [0, 0, 0],
};

describe(`consensus is one unit of work through a SIGKILL (${TEST_DB})`, () => {
  it.each(['after-final-approval', 'after-lock', 'after-status', 'after-lock-versions'])(
    'a kill at %s in the final approval leaves the case wholly unlocked, and approving again locks it wholly',
    async (point) => {
      const dataDir = makeTempDir();
      const first = await startArmed(dataDir, point);
      const { roles, hash } = await oneSideApproved(first.url);
      await crashDuring(first, () => approve(roles.sykehus, CASE, hash));

      const second = await start(dataDir);
      const after = await loginDemoRoles(second.url);
      // Never locked with the case still til beslutning, never approved by both and unlocked.
      expect(await consensusFacts(after)).toEqual(NOTHING_LOCKED);

      expect((await approve(after.sykehus, CASE, hash)).status).toBe(201);
      expect(await consensusFacts(after)).toEqual(ALL_LOCKED);
    },
    60_000,
  );

  it.each(['after-reopen-confirmed', 'after-unlock', 'after-reopen-status', 'after-reopen-versions'])(
    'a kill at %s while reopening leaves the case wholly locked, and confirming again reopens it wholly',
    async (point) => {
      const dataDir = makeTempDir();
      const first = await startArmed(dataDir, point);
      const { roles, hash } = await oneSideApproved(first.url);
      expect((await approve(roles.sykehus, CASE, hash)).status).toBe(201);
      const requested = await send(roles.kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, {
        reason: REOPEN_REASON,
      });
      expect(requested.status).toBe(201);
      const requestId = ((await requested.json()) as ConsensusState).openReopenRequest!.id;
      await crashDuring(first, () =>
        send(roles.sykehus, 'POST', `/cases/${CASE}/consensus/reopen-requests/${requestId}/confirm`),
      );

      const second = await start(dataDir);
      const after = await loginDemoRoles(second.url);
      expect(await consensusFacts(after)).toEqual({ ...ALL_LOCKED, openReopenRequest: true });

      expect(
        (await send(after.sykehus, 'POST', `/cases/${CASE}/consensus/reopen-requests/${requestId}/confirm`)).status,
      ).toBe(200);
      expect(await consensusFacts(after)).toEqual({
        ...NOTHING_LOCKED,
        activeSides: [],
        lockVersions: [1, 1, 1],
        approvalVersions: 1,
        confirmedReopens: 1,
        reopenVersions: [1, 1, 1],
      });
    },
    60_000,
  );
});
