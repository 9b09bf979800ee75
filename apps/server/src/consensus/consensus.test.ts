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
import { approve, consensusOf, moveCase, send } from '../test-support/consensus-api.js';
import { appendTextUpdate, connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitFor, waitForSync, type SectionClient } from '../test-support/yjs-client.js';

const CASE = 'lvs-04-2022';

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

function reader(session: TestSession, section: string, caseId = CASE): SectionClient {
  const client = connectSectionClient(session, caseId, section);
  cleanup.push(client);
  return client;
}

async function serverText(section: string, caseId = CASE): Promise<string> {
  const fresh = reader(observer, section, caseId);
  await waitForSync(fresh);
  const text = fresh.text();
  fresh.destroy();
  return text;
}

/** Connects a hand-written client as `session` and waits until it holds the section. */
async function rawWriter(session: TestSession, section: string): Promise<{ client: RawClient; local: Y.Doc }> {
  const writer = await connectRawWriter(session, CASE, section);
  cleanup.push(writer.client);
  return writer;
}

/** Types into a section as a real editor would, and waits until the server has stored it. */
async function typeInto(session: TestSession, section: string, text: string): Promise<void> {
  const editor = reader(session, section);
  await waitForSync(editor);
  editor.type(text);
  await waitFor(() => editor.provider.synced, 'sync');
  const started = Date.now();
  while (!(await serverText(section)).includes(text)) {
    if (Date.now() - started > 5000) throw new Error('edit never reached the server');
  }
  editor.destroy();
}

async function createCase(input: Record<string, unknown>): Promise<Case> {
  const response = await send(secretariat, 'POST', '/communities/lvs/cases', input);
  expect(response.status).toBe(201);
  return (await response.json()) as Case;
}

describe('case flow enforced by the server', () => {
  it('lets only the secretariat move a case, and only along the state machine', async () => {
    expect((await moveCase(kommune, CASE, 'til_beslutning')).status).toBe(403);
    const skip = await moveCase(secretariat, CASE, 'publisert');
    expect(skip.status).toBe(409);
    expect(((await skip.json()) as { message: string }).message).toMatch(/kan ikke/);
    expect((await moveCase(secretariat, CASE, 'konsensus')).status).toBe(409);
    expect((await send(secretariat, 'PUT', `/cases/${CASE}/status`, { status: 'ferdig' })).status).toBe(400);
    // Not around the state machine either.
    expect((await send(secretariat, 'PATCH', `/cases/${CASE}`, { status: 'konsensus' })).status).toBe(409);
    expect((await consensusOf(kommune, CASE)).nextStatuses).toEqual(['til_beslutning', 'utkast', 'trukket']);
  });

  it('needs a discussion round unless both sides agreed to one step', async () => {
    const created = await createCase({ number: '11-2026', body: 'PM', title: 'Enstegssak', kind: 'beslutningssak' });
    expect((await moveCase(secretariat, created.id, 'til_beslutning')).status).toBe(409);
    expect((await send(observer, 'POST', `/cases/${created.id}/consensus/one-step`)).status).toBe(403);
    const one = (await (
      await send(kommune, 'POST', `/cases/${created.id}/consensus/one-step`)
    ).json()) as ConsensusState;
    expect(one.oneStep).toEqual({ kommune: true, helseforetak: false });
    expect((await moveCase(secretariat, created.id, 'til_beslutning')).status).toBe(409);

    // A side may take its agreement back while the case is a draft, and give it again.
    expect((await send(sykehus, 'DELETE', `/cases/${created.id}/consensus/one-step`)).status).toBe(409);
    expect((await send(observer, 'DELETE', `/cases/${created.id}/consensus/one-step`)).status).toBe(403);
    const withdrawn = (await (
      await send(kommune, 'DELETE', `/cases/${created.id}/consensus/one-step`)
    ).json()) as ConsensusState;
    expect(withdrawn.oneStep).toEqual({ kommune: false, helseforetak: false });
    await send(sykehus, 'POST', `/cases/${created.id}/consensus/one-step`);
    expect((await moveCase(secretariat, created.id, 'til_beslutning')).status).toBe(409);
    expect((await send(kommune, 'POST', `/cases/${created.id}/consensus/one-step`)).status).toBe(201);

    const moved = await moveCase(secretariat, created.id, 'til_beslutning');
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Case).status).toBe('til_beslutning');
    // Used: the agreement cannot be withdrawn any more.
    expect((await send(kommune, 'DELETE', `/cases/${created.id}/consensus/one-step`)).status).toBe(409);
  });

  it('publishes an information case without any round or approval', async () => {
    const created = await createCase({ number: '12-2026', body: 'PM', title: 'Orientering', kind: 'orienteringssak' });
    expect((await moveCase(secretariat, created.id, 'til_drofting')).status).toBe(409);
    expect((await moveCase(secretariat, created.id, 'publisert')).status).toBe(200);
  });

  it('takes the demo case into the decision round and keeps a version of every section', async () => {
    const moved = await moveCase(secretariat, CASE, 'til_beslutning');
    expect(moved.status).toBe(200);
    const versions = (await (
      await send(kommune, 'GET', `/cases/${CASE}/sections/bakgrunn/versions`)
    ).json()) as SectionVersion[];
    expect(versions[0]).toMatchObject({ kind: 'auto', label: 'Status endret fra «til drøfting» til «til beslutning»' });
  });
});

describe('approval bound to the exact wording', () => {
  it('refuses observers, the secretariat, bad input and a stale hash', async () => {
    const { currentHash } = await consensusOf(kommune, CASE);
    expect(currentHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await approve(observer, CASE, currentHash!)).status).toBe(403);
    expect((await approve(secretariat, CASE, currentHash!)).status).toBe(403);
    const bad = await send(kommune, 'POST', `/cases/${CASE}/consensus/approvals`, { contentHash: 'abc' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: Array<{ message: string }> }).issues[0]!.message).toBe(
      'ugyldig innholdsnøkkel',
    );
    const stale = await approve(kommune, CASE, 'f'.repeat(64));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toMatch(/endret siden du leste/);
    expect((await consensusOf(kommune, CASE)).approvals).toEqual([]);
  });

  it('voids an approval as soon as the wording changes, and says what changed', async () => {
    const { currentHash } = await consensusOf(kommune, CASE);
    const approved = await approve(kommune, CASE, currentHash!);
    expect(approved.status).toBe(201);
    const state = (await approved.json()) as ConsensusState;
    expect(state.approvals).toEqual([
      expect.objectContaining({ side: 'kommune', userName: 'Kari Lind', contentHash: currentHash, voidedAt: null }),
    ]);

    await typeInto(kommune2, 'innstilling', ' Med forbehold om budsjett.');

    const after = await consensusOf(kommune, CASE);
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

  it('does not void anything when another section changes', async () => {
    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    await typeInto(kommune, 'kommunenes-vurdering', ' Bodø er enig.');
    const state = await consensusOf(kommune, CASE);
    expect(state.approvals.filter((a) => a.voidedAt === null)).toHaveLength(1);
  });
});

describe('lock after both sides approve', () => {
  let early: { client: RawClient; local: Y.Doc };
  let lockedText: string;

  it('locks the wording and both assessments and moves the case to konsensus', async () => {
    // Connected before the lock: the lock must still stop it, on its next update.
    early = await rawWriter(kommune, 'kommunenes-vurdering');
    const { currentHash } = await consensusOf(sykehus, CASE);
    lockedText = await serverText('innstilling');
    const approved = await approve(sykehus, CASE, currentHash!);
    expect(approved.status).toBe(201);
    const state = (await approved.json()) as ConsensusState;
    expect(state.status).toBe('konsensus');
    expect(state.locks.map((l) => l.sectionId).sort()).toEqual([
      'innstilling',
      'kommunenes-vurdering',
      'nlsh-vurdering',
    ]);
    expect(state.locks.find((l) => l.sectionId === 'innstilling')!.contentHash).toBe(currentHash);
    expect(
      state.approvals
        .filter((a) => a.voidedAt === null)
        .map((a) => a.side)
        .sort(),
    ).toEqual(['helseforetak', 'kommune']);
  });

  it('refuses a raw update to the locked wording from anyone: not applied, not relayed', async () => {
    const watcher = reader(observer, 'innstilling');
    await waitForSync(watcher);
    const { client, local } = await rawWriter(kommune, 'innstilling');
    client.sendUpdate(appendTextUpdate(local, ' ENDRET ETTER LÅS.'));
    const closed = await client.closed;
    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/låst/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watcher.text()).toBe(lockedText);
    expect(await serverText('innstilling')).toBe(lockedText);

    const secretary = await rawWriter(secretariat, 'innstilling');
    secretary.client.sendUpdate(appendTextUpdate(secretary.local, ' Sekretariatet retter.'));
    expect((await secretary.client.closed).code).toBe(4409);
  });

  it('refuses an update from a socket that connected before the lock', async () => {
    const before = await serverText('kommunenes-vurdering');
    early.client.sendUpdate(appendTextUpdate(early.local, ' Sent inn etter låsen.'));
    expect((await early.client.closed).code).toBe(4409);
    expect(await serverText('kommunenes-vurdering')).toBe(before);
  });

  it('refuses deleting, renaming or re-owning a locked section, and adding around the agreement', async () => {
    expect((await send(secretariat, 'DELETE', `/cases/${CASE}/sections/innstilling`)).status).toBe(409);
    expect((await send(secretariat, 'DELETE', `/cases/${CASE}/sections/nlsh-vurdering`)).status).toBe(409);
    const reowned = await send(secretariat, 'PATCH', `/cases/${CASE}/sections/kommunenes-vurdering`, {
      owner: 'shared',
    });
    expect(reowned.status).toBe(409);
    expect(((await reowned.json()) as { error: string }).error).toBe('section-locked');
    expect(
      (await send(secretariat, 'PATCH', `/cases/${CASE}/sections/innstilling`, { title: 'Annen innstilling' })).status,
    ).toBe(409);
    const second = await send(secretariat, 'POST', `/cases/${CASE}/sections`, {
      kind: 'innstilling',
      title: 'Ny innstilling',
      owner: 'shared',
    });
    expect(((await second.json()) as { error: string }).error).toBe('second-consensus-section');
    const extra = await send(secretariat, 'POST', `/cases/${CASE}/sections`, {
      kind: 'vurdering',
      title: 'Ny vurdering',
      owner: 'kommune',
    });
    expect(((await extra.json()) as { error: string }).error).toBe('case-locked');
    const sections = (await (await send(kommune, 'GET', `/cases/${CASE}`)).json()) as CaseDetail;
    expect(sections.sections.filter((s) => s.kind === 'innstilling')).toHaveLength(1);
    expect(sections.sections.find((s) => s.id === 'kommunenes-vurdering')?.owner).toBe('kommune');
  });

  it('refuses restoring an old version into locked text', async () => {
    const versions = (await (
      await send(kommune, 'GET', `/cases/${CASE}/sections/innstilling/versions`)
    ).json()) as SectionVersion[];
    const oldest = versions[versions.length - 1]!;
    expect(
      (await send(kommune, 'POST', `/cases/${CASE}/sections/innstilling/versions/${oldest.id}/restore`)).status,
    ).toBe(409);
    expect(await serverText('innstilling')).toBe(lockedText);
  });

  it('keeps versions at approval and lock, and a read-only decision record', async () => {
    const versions = (await (
      await send(kommune, 'GET', `/cases/${CASE}/sections/innstilling/versions`)
    ).json()) as SectionVersion[];
    expect(versions.map((v) => v.label)).toEqual(
      expect.arrayContaining([
        'Låst ved konsensus',
        'Godkjent for kommunene av Kari Lind',
        'Godkjent for helseforetaket av Nils Berg',
      ]),
    );
    const record = (await (await send(observer, 'GET', `/cases/${CASE}/decision`)).json()) as DecisionRecord;
    expect(record).toMatchObject({ caseNumber: '04-2022', status: 'konsensus', wording: lockedText });
    expect(record.approvals.map((a) => a.userName).sort()).toEqual(['Kari Lind', 'Nils Berg']);
    expect(record.blocks.length).toBeGreaterThan(0);
  });
});

describe('reopening locked text', () => {
  it('needs a reason from one side and a confirmation from the other', async () => {
    expect((await send(kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, { reason: '' })).status).toBe(400);
    expect(
      (await send(observer, 'POST', `/cases/${CASE}/consensus/reopen-requests`, { reason: 'Vil endre' })).status,
    ).toBe(403);
    const requested = await send(kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, {
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
      (await send(kommune, 'POST', `/cases/${CASE}/consensus/reopen-requests`, { reason: 'En gang til' })).status,
    ).toBe(409);

    expect(
      (await send(kommune2, 'POST', `/cases/${CASE}/consensus/reopen-requests/${request.id}/confirm`)).status,
    ).toBe(403);
    expect((await consensusOf(kommune, CASE)).status).toBe('konsensus');

    const confirmed = await send(sykehus, 'POST', `/cases/${CASE}/consensus/reopen-requests/${request.id}/confirm`);
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
    expect((await send(kommune, 'GET', `/cases/${CASE}/decision`)).status).toBe(404);

    await typeInto(kommune, 'innstilling', ' Åpnet igjen.');
  });
});

describe('version history', () => {
  it('names, shows, diffs and restores versions as a new change', async () => {
    const named = await send(kommune, 'POST', `/cases/${CASE}/sections/innstilling/versions`, {
      label: 'Før budsjettendring',
    });
    expect(named.status).toBe(201);
    const before = (await named.json()) as SectionVersion;
    expect(before).toMatchObject({ kind: 'named', createdByName: 'Kari Lind' });
    expect((await send(kommune, 'POST', `/cases/${CASE}/sections/innstilling/versions`, { label: ' ' })).status).toBe(
      400,
    );

    await typeInto(kommune2, 'innstilling', ' Budsjett 2 mill.');
    const after = (await (
      await send(kommune, 'POST', `/cases/${CASE}/sections/innstilling/versions`, { label: 'Etter' })
    ).json()) as SectionVersion;

    const shown = (await (
      await send(observer, 'GET', `/cases/${CASE}/sections/innstilling/versions/${before.id}`)
    ).json()) as SectionVersionDetail;
    expect(shown.text).toBe(before.text);
    expect(shown.blocks[0]).toMatchObject({ type: 'paragraph' });

    const diff = (await (
      await send(kommune, 'GET', `/cases/${CASE}/sections/innstilling/versions/diff?from=${before.id}&to=${after.id}`)
    ).json()) as VersionDiff;
    expect(
      diff.changes
        .filter((c) => c.type === 'added')
        .map((c) => c.text)
        .join(''),
    ).toContain('Budsjett 2 mill.');
    expect(diff.authors.map((a) => a.name)).toContain('Jonas Eide');
    expect(
      (await send(kommune, 'GET', `/cases/${CASE}/sections/innstilling/versions/diff?from=${before.id}`)).status,
    ).toBe(400);

    expect(
      (await send(observer, 'POST', `/cases/${CASE}/sections/innstilling/versions/${before.id}/restore`)).status,
    ).toBe(403);
    expect(
      (await send(kommune, 'POST', `/cases/${CASE}/sections/nlsh-vurdering/versions/${before.id}/restore`)).status,
    ).toBe(404);
    const watcher = reader(sykehus, 'innstilling');
    await waitForSync(watcher);
    const restored = await send(kommune, 'POST', `/cases/${CASE}/sections/innstilling/versions/${before.id}/restore`);
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as SectionVersion).label).toBe('Gjenopprettet fra «Før budsjettendring»');
    await waitFor(() => watcher.text() === before.text, 'restored text relayed live');
    expect(await serverText('innstilling')).toBe(before.text);
  });
});

describe('community approval policy', () => {
  it('can require a named approver per side', async () => {
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
    const saved = await send(secretariat, 'PUT', '/communities/lvs/consensus-settings', {
      policy: 'named-approver',
      approvers: [
        { side: 'kommune', userId: kari },
        { side: 'helseforetak', userId: nils },
      ],
    });
    expect(saved.status).toBe(200);
    const { currentHash } = await consensusOf(kommune, CASE);
    const refused = await approve(kommune2, CASE, currentHash!);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/navngitte/);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    await send(secretariat, 'PUT', '/communities/lvs/consensus-settings', { policy: 'any-member' });
  });
});

describe('live notice and leaving the decision round', () => {
  it('pushes the voided approval to everyone with the case open', async () => {
    const state = await consensusOf(kommune, CASE);
    if (!state.approvals.some((a) => a.voidedAt === null))
      expect((await approve(kommune, CASE, state.currentHash!)).status).toBe(201);
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/cases/${CASE}/events`, {
      headers: { cookie: sykehus.cookie, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const events = stream.body!.getReader();
    await typeInto(kommune2, 'innstilling', ' Live endring.');
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
    const { currentHash } = await consensusOf(kommune, CASE);
    expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
    expect((await moveCase(secretariat, CASE, 'til_drofting')).status).toBe(200);
    const state = await consensusOf(kommune, CASE);
    expect(state.approvals.filter((a) => a.voidedAt === null)).toEqual([]);
    expect(state.approvals.at(-1)).toMatchObject({ voidReason: 'status-changed' });
    expect((await approve(sykehus, CASE, currentHash!)).status).toBe(409);
  });
});
