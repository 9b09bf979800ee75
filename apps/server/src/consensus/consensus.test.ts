import type {
  Case,
  CaseDetail,
  ConsensusState,
  DecisionRecord,
  SectionVersion,
  SectionVersionDetail,
  VersionDiff,
} from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { sectionText } from '../sections/content.js';
import { buildCase, type BuiltCase, type CaseSpec } from '../test-support/builders.js';
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter, syncRoundTrip, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

// Every test builds the case it needs (test-support/builders.ts), so the tests hold in any
// order (`vitest --sequence.shuffle`) and say nothing about the demo papers' wording.

let server: RunningServer;
let kommune: TestSession;
let kommune2: TestSession;
let sykehus: TestSession;
let observer: TestSession;
let secretariat: TestSession;
const cleanup: Array<SectionClient | RawClient> = [];

beforeAll(async () => {
  server = await startTestServer();
  [kommune, kommune2, sykehus, observer, secretariat] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, 'kommune2@lvs.demo'),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.observator),
    login(server.url, DEMO.sekretariat),
  ]);
});

afterAll(async () => {
  for (const c of cleanup) {
    if ('socket' in c) c.socket.terminate();
    else c.destroy();
  }
  await server.close();
});

/** A case of its own for one test: wording, background and both assessments, in `status`. */
function newCase(status: CaseSpec['status'], spec: CaseSpec = {}): Promise<BuiltCase> {
  return buildCase({ secretariat, kommune, helseforetak: sykehus }, { ...spec, status });
}

function reader(session: TestSession, caseId: string, sectionId: string): SectionClient {
  const client = connectSectionClient(session, caseId, sectionId);
  cleanup.push(client);
  return client;
}

async function serverText(caseId: string, sectionId: string): Promise<string> {
  const fresh = reader(observer, caseId, sectionId);
  await waitForSync(fresh);
  const text = fresh.text();
  fresh.destroy();
  return text;
}

/** Connects a hand-written client as `session` and waits until it holds the section. */
async function rawWriter(
  session: TestSession,
  caseId: string,
  sectionId: string,
): Promise<{ client: RawClient; local: Y.Doc }> {
  const writer = await connectRawWriter(session, caseId, sectionId);
  cleanup.push(writer.client);
  return writer;
}

/**
 * Appends text to a section as `session`, and returns once the server has handled it: the
 * answer to the next sync request comes after the update was stored, relayed and its
 * consequences (voided approvals) taken.
 */
async function typeInto(session: TestSession, caseId: string, sectionId: string, text: string): Promise<void> {
  const { client, local } = await rawWriter(session, caseId, sectionId);
  client.sendUpdate(appendTextUpdate(local, text));
  await syncRoundTrip(client, local);
  expect(sectionText(local)).toContain(text);
  client.socket.terminate();
}

/** A case whose wording and assessments both sides approved, so they are locked. */
async function lockedCase(): Promise<{ built: BuiltCase; lockedText: string }> {
  const built = await newCase('til_beslutning');
  const { currentHash } = await consensusOf(kommune, built.id);
  expect((await approve(kommune, built.id, currentHash!)).status).toBe(201);
  expect((await approve(sykehus, built.id, currentHash!)).status).toBe(201);
  return { built, lockedText: await serverText(built.id, built.sections.wording!) };
}

describe('case flow enforced by the server', () => {
  it('lets only the secretariat move a case, and only along the state machine', async () => {
    const { id } = await newCase('til_drofting');
    expect((await moveCase(kommune, id, 'til_beslutning')).status).toBe(403);
    const skip = await moveCase(secretariat, id, 'publisert');
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as { message: string }).message).toMatch(/kan ikke/);
    expect((await moveCase(secretariat, id, 'konsensus')).status).toBe(409);
    expect((await send(secretariat, 'PUT', `/cases/${id}/status`, { status: 'ferdig' })).status).toBe(400);
    // Not around the state machine either.
    expect((await send(secretariat, 'PATCH', `/cases/${id}`, { status: 'konsensus' })).status).toBe(409);
    expect((await consensusOf(kommune, id)).nextStatuses).toEqual(['til_beslutning', 'utkast', 'trukket']);
  });

  it('needs a discussion round unless both sides agreed to one step', async () => {
    const { id } = await newCase('utkast', { title: 'Enstegssak' });
    expect((await moveCase(secretariat, id, 'til_beslutning')).status).toBe(409);
    expect((await send(observer, 'POST', `/cases/${id}/consensus/one-step`)).status).toBe(403);
    const one = (await (await send(kommune, 'POST', `/cases/${id}/consensus/one-step`)).json()) as ConsensusState;
    expect(one.oneStep).toEqual({ kommune: true, helseforetak: false });
    expect((await moveCase(secretariat, id, 'til_beslutning')).status).toBe(409);

    // A side may take its agreement back while the case is a draft, and give it again.
    expect((await send(sykehus, 'DELETE', `/cases/${id}/consensus/one-step`)).status).toBe(409);
    expect((await send(observer, 'DELETE', `/cases/${id}/consensus/one-step`)).status).toBe(403);
    const withdrawn = (await (
      await send(kommune, 'DELETE', `/cases/${id}/consensus/one-step`)
    ).json()) as ConsensusState;
    expect(withdrawn.oneStep).toEqual({ kommune: false, helseforetak: false });
    await send(sykehus, 'POST', `/cases/${id}/consensus/one-step`);
    expect((await moveCase(secretariat, id, 'til_beslutning')).status).toBe(409);
    expect((await send(kommune, 'POST', `/cases/${id}/consensus/one-step`)).status).toBe(201);

    const moved = await moveCase(secretariat, id, 'til_beslutning');
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Case).status).toBe('til_beslutning');
    // Used: the agreement cannot be withdrawn any more.
    expect((await send(kommune, 'DELETE', `/cases/${id}/consensus/one-step`)).status).toBe(409);
  });

  it('publishes an information case without any round or approval', async () => {
    const { id } = await newCase('utkast', {
      kind: 'orienteringssak',
      title: 'Orientering',
      sections: [{ key: 'background', kind: 'bakgrunn', owner: 'shared', text: 'Til orientering.' }],
    });
    expect((await moveCase(secretariat, id, 'til_drofting')).status).toBe(409);
    expect((await moveCase(secretariat, id, 'publisert')).status).toBe(200);
  });

  it('takes a case into the decision round and keeps a version of every section', async () => {
    const built = await newCase('til_drofting');
    const moved = await moveCase(secretariat, built.id, 'til_beslutning');
    expect(moved.status).toBe(200);
    for (const sectionId of Object.values(built.sections)) {
      const versions = (await (
        await send(kommune, 'GET', `/cases/${built.id}/sections/${sectionId}/versions`)
      ).json()) as SectionVersion[];
      expect(versions[0]).toMatchObject({
        kind: 'auto',
        label: 'Status endret fra «til drøfting» til «til beslutning»',
      });
    }
  });
});

describe('approval bound to the exact wording', () => {
  it('refuses observers, the secretariat, bad input and a stale hash', async () => {
    const { id } = await newCase('til_beslutning');
    const { currentHash } = await consensusOf(kommune, id);
    expect(currentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await approve(observer, id, currentHash!)).status).toBe(403);
    expect((await approve(secretariat, id, currentHash!)).status).toBe(403);
    const bad = await send(kommune, 'POST', `/cases/${id}/consensus/approvals`, { contentHash: 'abc' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ message: string }> }).issues[0]!.message).toBe(
      'ugyldig innholdsnøkkel',
    );
    const stale = await approve(kommune, id, 'f'.repeat(64));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toMatch(/endret siden du leste/);
    expect((await consensusOf(kommune, id)).approvals).toEqual([]);
  });

  it('voids an approval as soon as the wording changes, and says what changed', async () => {
    const { id, sections } = await newCase('til_beslutning');
    const { currentHash } = await consensusOf(kommune, id);
    const approved = await approve(kommune, id, currentHash!);
    expect(approved.status).toBe(201);
    const state = (await approved.json()) as ConsensusState;
    expect(state.approvals).toEqual([
      expect.objectContaining({ side: 'kommune', userName: 'Kari Lind', contentHash: currentHash, voidedAt: null }),
    ]);

    await typeInto(kommune2, id, sections.wording!, ' Med forbehold om budsjett.');

    const after = await consensusOf(kommune, id);
    expect(after.approvals[0]).toMatchObject({ voidReason: 'text-changed' });
    expect(after.approvals[0]!.voidedAt).not.toBeNull();
    expect(after.currentHash).not.toBe(currentHash);
    expect(after.lastVoid).toMatchObject({
      reason: 'text-changed',
      changedByName: 'Jonas Eide',
      approvedHash: currentHash,
      currentHash: after.currentHash,
    });
    expect(
      after
        .lastVoid!.diff.filter((c) => c.type === 'added')
        .map((c) => c.text)
        .join(''),
    ).toContain('forbehold');
  });

  it('does not void anything when a section outside the agreement changes', async () => {
    const { id, sections } = await newCase('til_beslutning');
    const { currentHash } = await consensusOf(kommune, id);
    expect((await approve(kommune, id, currentHash!)).status).toBe(201);
    await typeInto(kommune, id, sections.municipal!, ' Bodø er enig.');
    await typeInto(kommune, id, sections.background!, ' Mer bakgrunn.');
    const state = await consensusOf(kommune, id);
    expect(state.approvals.filter((a) => a.voidedAt === null)).toHaveLength(1);
  });
});

describe('lock after both sides approve', () => {
  it('locks the wording and both assessments and moves the case to konsensus', async () => {
    const { id, sections } = await newCase('til_beslutning');
    const { currentHash } = await consensusOf(sykehus, id);
    expect((await approve(kommune, id, currentHash!)).status).toBe(201);
    const approved = await approve(sykehus, id, currentHash!);
    expect(approved.status).toBe(201);
    const state = (await approved.json()) as ConsensusState;
    expect(state.status).toBe('konsensus');
    expect(state.locks.map((l) => l.sectionId).sort()).toEqual(
      [sections.wording!, sections.municipal!, sections.hospital!].sort(),
    );
    expect(state.locks.find((l) => l.sectionId === sections.wording)!.contentHash).toBe(currentHash);
    expect(
      state.approvals
        .filter((a) => a.voidedAt === null)
        .map((a) => a.side)
        .sort(),
    ).toEqual(['helseforetak', 'kommune']);
  });

  it('refuses a raw update to the locked wording from anyone: not applied, not relayed', async () => {
    const { built, lockedText } = await lockedCase();
    const wording = built.sections.wording!;
    // A watcher with its own copy: every update relayed to it is in `received` before the answer below.
    const watcher = await rawWriter(observer, built.id, wording);
    const { client, local } = await rawWriter(kommune, built.id, wording);
    client.sendUpdate(appendTextUpdate(local, ' ENDRET ETTER LÅS.'));
    const closed = await client.closed;
    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/låst/);

    const secretary = await rawWriter(secretariat, built.id, wording);
    secretary.client.sendUpdate(appendTextUpdate(secretary.local, ' Sekretariatet retter.'));
    expect((await secretary.client.closed).code).toBe(4409);

    // Barrier: the room answers the watcher's sync request after both refused updates, and
    // sends it everything its copy lacks; nothing was relayed or kept.
    await syncRoundTrip(watcher.client, watcher.local);
    expect(sectionText(watcher.local)).toBe(lockedText);
    expect(await serverText(built.id, wording)).toBe(lockedText);
  });

  it('refuses an update from a socket that connected before the lock', async () => {
    const built = await newCase('til_beslutning');
    const municipal = built.sections.municipal!;
    // Connected before the lock: the lock must still stop it, on its next update.
    const early = await rawWriter(kommune, built.id, municipal);
    const { currentHash } = await consensusOf(kommune, built.id);
    expect((await approve(kommune, built.id, currentHash!)).status).toBe(201);
    expect((await approve(sykehus, built.id, currentHash!)).status).toBe(201);
    const before = await serverText(built.id, municipal);
    early.client.sendUpdate(appendTextUpdate(early.local, ' Sent inn etter låsen.'));
    expect((await early.client.closed).code).toBe(4409);
    expect(await serverText(built.id, municipal)).toBe(before);
  });

  it('refuses deleting, renaming or re-owning a locked section, and adding around the agreement', async () => {
    const { built } = await lockedCase();
    const { id, sections } = built;
    expect((await send(secretariat, 'DELETE', `/cases/${id}/sections/${sections.wording}`)).status).toBe(409);
    expect((await send(secretariat, 'DELETE', `/cases/${id}/sections/${sections.hospital}`)).status).toBe(409);
    const reowned = await send(secretariat, 'PATCH', `/cases/${id}/sections/${sections.municipal}`, {
      owner: 'shared',
    });
    expect(reowned.status).toBe(409);
    expect(((await reowned.json()) as { error: string }).error).toBe('section-locked');
    expect(
      (await send(secretariat, 'PATCH', `/cases/${id}/sections/${sections.wording}`, { title: 'Annen innstilling' }))
        .status,
    ).toBe(409);
    const second = await send(secretariat, 'POST', `/cases/${id}/sections`, {
      kind: 'innstilling',
      title: 'Ny innstilling',
      owner: 'shared',
    });
    expect(((await second.json()) as { error: string }).error).toBe('second-consensus-section');
    const extra = await send(secretariat, 'POST', `/cases/${id}/sections`, {
      kind: 'vurdering',
      title: 'Ny vurdering',
      owner: 'kommune',
    });
    expect(((await extra.json()) as { error: string }).error).toBe('case-locked');
    const detail = (await (await send(kommune, 'GET', `/cases/${id}`)).json()) as CaseDetail;
    expect(detail.sections.filter((s) => s.kind === 'innstilling')).toHaveLength(1);
    expect(detail.sections.find((s) => s.id === sections.municipal)?.owner).toBe('kommune');
  });

  it('refuses restoring an old version into locked text', async () => {
    const { built, lockedText } = await lockedCase();
    const wording = built.sections.wording!;
    const versions = (await (
      await send(kommune, 'GET', `/cases/${built.id}/sections/${wording}/versions`)
    ).json()) as SectionVersion[];
    const oldest = versions[versions.length - 1]!;
    expect(
      (await send(kommune, 'POST', `/cases/${built.id}/sections/${wording}/versions/${oldest.id}/restore`)).status,
    ).toBe(409);
    expect(await serverText(built.id, wording)).toBe(lockedText);
  });

  it('keeps versions at approval and lock, and a read-only decision record', async () => {
    const { built, lockedText } = await lockedCase();
    const versions = (await (
      await send(kommune, 'GET', `/cases/${built.id}/sections/${built.sections.wording}/versions`)
    ).json()) as SectionVersion[];
    expect(versions.map((v) => v.label)).toEqual(
      expect.arrayContaining([
        'Låst ved konsensus',
        'Godkjent for kommunene av Kari Lind',
        'Godkjent for helseforetaket av Nils Berg',
      ]),
    );
    const record = (await (await send(observer, 'GET', `/cases/${built.id}/decision`)).json()) as DecisionRecord;
    expect(record).toMatchObject({ caseNumber: built.case.number, status: 'konsensus', wording: lockedText });
    expect(record.approvals.map((a) => a.userName).sort()).toEqual(['Kari Lind', 'Nils Berg']);
    expect(record.blocks.length).toBeGreaterThan(0);
  });
});

describe('reopening locked text', () => {
  it('needs a reason from one side and a confirmation from the other', async () => {
    const { built } = await lockedCase();
    const { id } = built;
    expect((await send(kommune, 'POST', `/cases/${id}/consensus/reopen-requests`, { reason: '' })).status).toBe(400);
    expect(
      (await send(observer, 'POST', `/cases/${id}/consensus/reopen-requests`, { reason: 'Vil endre' })).status,
    ).toBe(403);
    const requested = await send(kommune, 'POST', `/cases/${id}/consensus/reopen-requests`, {
      reason: 'Budsjettet er endret',
    });
    expect(requested.status).toBe(201);
    const request = ((await requested.json()) as ConsensusState).openReopenRequest!;
    expect(request).toMatchObject({
      side: 'kommune',
      requestedByName: 'Kari Lind',
      reason: 'Budsjettet er endret',
      confirmedAt: null,
    });
    expect(
      (await send(kommune, 'POST', `/cases/${id}/consensus/reopen-requests`, { reason: 'En gang til' })).status,
    ).toBe(409);

    expect((await send(kommune2, 'POST', `/cases/${id}/consensus/reopen-requests/${request.id}/confirm`)).status).toBe(
      403,
    );
    expect((await consensusOf(kommune, id)).status).toBe('konsensus');

    const confirmed = await send(sykehus, 'POST', `/cases/${id}/consensus/reopen-requests/${request.id}/confirm`);
    expect(confirmed.status).toBe(200);
    const state = (await confirmed.json()) as ConsensusState;
    expect(state.status).toBe('til_beslutning');
    expect(state.locks).toEqual([]);
    expect(state.openReopenRequest).toBeNull();
    expect(state.reopenHistory).toEqual([
      expect.objectContaining({ reason: 'Budsjettet er endret', confirmedByName: 'Nils Berg' }),
    ]);
    expect(state.approvals.every((a) => a.voidedAt !== null)).toBe(true);
    expect(state.approvals.filter((a) => a.voidReason === 'reopened')).toHaveLength(2);
    expect((await send(kommune, 'GET', `/cases/${id}/decision`)).status).toBe(404);

    // Writable again.
    await typeInto(kommune, id, built.sections.wording!, ' Åpnet igjen.');
  });
});

describe('version history', () => {
  it('names, shows, diffs and restores versions as a new change', async () => {
    const { id, sections } = await newCase('til_drofting');
    const wording = sections.wording!;
    const named = await send(kommune, 'POST', `/cases/${id}/sections/${wording}/versions`, {
      label: 'Før budsjettendring',
    });
    expect(named.status).toBe(201);
    const before = (await named.json()) as SectionVersion;
    expect(before).toMatchObject({ kind: 'named', createdByName: 'Kari Lind' });
    expect((await send(kommune, 'POST', `/cases/${id}/sections/${wording}/versions`, { label: ' ' })).status).toBe(400);

    await typeInto(kommune2, id, wording, ' Budsjett 2 mill.');
    const after = (await (
      await send(kommune, 'POST', `/cases/${id}/sections/${wording}/versions`, { label: 'Etter' })
    ).json()) as SectionVersion;

    const shown = (await (
      await send(observer, 'GET', `/cases/${id}/sections/${wording}/versions/${before.id}`)
    ).json()) as SectionVersionDetail;
    expect(shown.text).toBe(before.text);
    expect(shown.blocks[0]).toMatchObject({ type: 'paragraph' });

    const diff = (await (
      await send(kommune, 'GET', `/cases/${id}/sections/${wording}/versions/diff?from=${before.id}&to=${after.id}`)
    ).json()) as VersionDiff;
    expect(
      diff.changes
        .filter((c) => c.type === 'added')
        .map((c) => c.text)
        .join(''),
    ).toContain('Budsjett 2 mill.');
    expect(diff.authors.map((a) => a.name)).toContain('Jonas Eide');
    expect(
      (await send(kommune, 'GET', `/cases/${id}/sections/${wording}/versions/diff?from=${before.id}`)).status,
    ).toBe(400);

    expect(
      (await send(observer, 'POST', `/cases/${id}/sections/${wording}/versions/${before.id}/restore`)).status,
    ).toBe(403);
    expect(
      (await send(kommune, 'POST', `/cases/${id}/sections/${sections.hospital}/versions/${before.id}/restore`)).status,
    ).toBe(404);
    const watcher = reader(sykehus, id, wording);
    await waitForSync(watcher);
    const restored = await send(kommune, 'POST', `/cases/${id}/sections/${wording}/versions/${before.id}/restore`);
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as SectionVersion).label).toBe('Gjenopprettet fra «Før budsjettendring»');
    await waitFor(() => watcher.text() === before.text, 'restored text relayed live');
    expect(await serverText(id, wording)).toBe(before.text);
  });
});

describe('community approval policy', () => {
  it('can require a named approver per side', async () => {
    const { id } = await newCase('til_beslutning');
    expect(
      (await send(kommune, 'PUT', '/communities/lvs/consensus-settings', { policy: 'named-approver' })).status,
    ).toBe(403);
    const ids = async (s: TestSession) =>
      ((await (await send(s, 'GET', '/auth/session')).json()) as { user: { id: string } }).user.id;
    const [kari, nils] = [await ids(kommune), await ids(sykehus)];
    const wrongSide = await send(secretariat, 'PUT', '/communities/lvs/consensus-settings', {
      policy: 'named-approver',
      approvers: [{ side: 'helseforetak', userId: kari }],
    });
    expect(wrongSide.status).toBe(400);
    try {
      const saved = await send(secretariat, 'PUT', '/communities/lvs/consensus-settings', {
        policy: 'named-approver',
        approvers: [
          { side: 'kommune', userId: kari },
          { side: 'helseforetak', userId: nils },
        ],
      });
      expect(saved.status).toBe(200);
      const { currentHash } = await consensusOf(kommune, id);
      const refused = await approve(kommune2, id, currentHash!);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(/navngitte/);
      expect((await approve(kommune, id, currentHash!)).status).toBe(201);
    } finally {
      // The policy is the community's: the other tests' cases live there too.
      await send(secretariat, 'PUT', '/communities/lvs/consensus-settings', { policy: 'any-member' });
    }
  });
});

describe('live notice and leaving the decision round', () => {
  it('pushes the voided approval to everyone with the case open', async () => {
    const { id, sections } = await newCase('til_beslutning');
    const state = await consensusOf(kommune, id);
    expect((await approve(kommune, id, state.currentHash!)).status).toBe(201);
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/cases/${id}/events`, {
      headers: { cookie: sykehus.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const events = stream.body!.getReader();
    await typeInto(kommune2, id, sections.wording!, ' Live endring.');
    let received = '';
    while (!received.includes('"reason":"text-changed"') || !received.includes('Live endring.')) {
      const { value, done } = await events.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(received).toContain('event: consensus');
    expect(received).toContain('"changedByName":"Jonas Eide"');
  });

  it('voids standing approvals when the case goes back to discussion', async () => {
    const { id } = await newCase('til_beslutning');
    const { currentHash } = await consensusOf(kommune, id);
    expect((await approve(kommune, id, currentHash!)).status).toBe(201);
    expect((await moveCase(secretariat, id, 'til_drofting')).status).toBe(200);
    const state = await consensusOf(kommune, id);
    expect(state.approvals.filter((a) => a.voidedAt === null)).toEqual([]);
    expect(state.approvals.at(-1)).toMatchObject({ voidReason: 'status-changed' });
    expect((await approve(sykehus, id, currentHash!)).status).toBe(409);
  });
});
