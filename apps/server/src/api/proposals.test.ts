import type { CommentThread, ConsensusState, SectionVersion } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { buildCase, inviteMember, type BuiltCase } from '../test-support/builders.js';
import { approve, consensusOf, send } from '../test-support/consensus-api.js';
import { connectRawWriter, syncRoundTrip, type RawClient } from '../test-support/raw-client.js';
import { paragraphText } from '../test-support/section-doc.js';
import { DEMO, login, loginDemoRoles, sessionFetch, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { waitFor } from '../test-support/yjs-client.js';

// Every test builds its own case, so the tests hold in any order. Requests are raw HTTP with
// the session's cookie: nothing the UI hides or disables stands between them and the server.

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let observer: TestSession;
let secretariat: TestSession;
let stranger: TestSession;
const sockets: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ kommune, sykehus, observator: observer, sekretariat: secretariat } = await loginDemoRoles(server.url));
  stranger = await login(server.url, DEMO.helgelandKommune);
});

afterAll(async () => {
  for (const socket of sockets) socket.socket.terminate();
  await server.close();
});

const newCase = (status: 'til_drofting' | 'til_beslutning' = 'til_drofting'): Promise<BuiltCase> =>
  buildCase({ secretariat, kommune, helseforetak: sykehus }, { status });

const encode = (position: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(position)).toString('base64');

/** A live copy of a section as `session` sees it over the socket, kept for the whole test. */
async function liveSection(session: TestSession, caseId: string, sectionId: string) {
  const writer = await connectRawWriter(session, caseId, sectionId);
  sockets.push(writer.client);
  return writer;
}

/** An anchor over `words` in the first paragraph, made the way the editor makes one. */
async function anchorOn(caseId: string, sectionId: string, words: string) {
  const { local } = await liveSection(observer, caseId, sectionId);
  const text = paragraphText(local);
  const index = text.toJSON().indexOf(words);
  if (index < 0) throw new Error(`«${words}» is not in the section`);
  return {
    start: encode(Y.createRelativePositionFromTypeIndex(text, index)),
    end: encode(Y.createRelativePositionFromTypeIndex(text, index + words.length, -1)),
  };
}

async function propose(
  session: TestSession,
  caseId: string,
  sectionId: string,
  quote: string,
  replacement: string,
  extra: Record<string, unknown> = {},
): Promise<Response> {
  return send(session, 'POST', `/cases/${caseId}/proposals`, {
    sectionId,
    anchor: await anchorOn(caseId, sectionId, quote),
    quote,
    replacement,
    ...extra,
  });
}

async function proposed(...args: Parameters<typeof propose>): Promise<CommentThread> {
  const response = await propose(...args);
  expect(response.status).toBe(201);
  return (await response.json()) as CommentThread;
}

const decide = (session: TestSession, threadId: string, decision: 'accepted' | 'rejected') =>
  send(session, 'PUT', `/threads/${threadId}/proposal`, { decision });

async function storedText(caseId: string, sectionId: string): Promise<string> {
  const { local } = await liveSection(observer, caseId, sectionId);
  return paragraphText(local).toJSON();
}

async function userId(session: TestSession): Promise<string> {
  return ((await (await sessionFetch(session, '/api/auth/session')).json()) as { user: { id: string } }).user.id;
}

describe('making a proposal', () => {
  it("lets the hospital propose a change to the municipalities' assessment without changing it", async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(sykehus, id, sections.municipal!, 'støtter', 'slutter seg til', {
      body: 'Sterkere ordlyd?',
    });
    expect(thread).toMatchObject({
      quote: 'støtter',
      status: 'open',
      createdBy: await userId(sykehus),
      proposal: { replacement: 'slutter seg til', status: 'open', proposedByName: 'Nils Berg', decidedBy: null },
    });
    expect(thread.comments.map((c) => c.body)).toEqual(['Sterkere ordlyd?']);
    expect(await storedText(id, sections.municipal!)).toBe('Kommunene støtter planen.');
    // Listed with the case's threads, so every open page has it.
    const listed = (await (await send(kommune, 'GET', `/cases/${id}/threads`)).json()) as CommentThread[];
    expect(listed.find((t) => t.id === thread.id)?.proposal?.replacement).toBe('slutter seg til');
  });

  it('lets an observer propose, and needs no comment', async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(observer, id, sections.wording!, 'felles plan', 'felles handlingsplan');
    expect(thread.comments).toEqual([]);
    expect(thread.proposal?.proposedByName).toBe('Olga Strand');
  });

  it("refuses someone outside the case's community as if the case did not exist", async () => {
    const { id, sections } = await newCase();
    const response = await propose(stranger, id, sections.municipal!, 'støtter', 'avviser');
    expect(response.status).toBe(404);
    const listed = (await (await send(kommune, 'GET', `/cases/${id}/threads`)).json()) as CommentThread[];
    expect(listed).toEqual([]);
  });

  it('refuses a quote that is not the anchored words, an anchor across paragraphs, and a line break', async () => {
    const { id, sections } = await newCase();
    const anchor = await anchorOn(id, sections.municipal!, 'støtter');
    const body = { sectionId: sections.municipal!, anchor, replacement: 'avviser' };
    expect((await send(sykehus, 'POST', `/cases/${id}/proposals`, { ...body, quote: 'planen' })).status).toBe(409);
    const garbage = { ...body, quote: 'støtter', anchor: { start: 'AAECAw==', end: 'BAUGBw==' } };
    expect((await send(sykehus, 'POST', `/cases/${id}/proposals`, garbage)).status).toBe(400);
    const twoLines = { ...body, quote: 'støtter', replacement: 'avviser\nikke' };
    expect((await send(sykehus, 'POST', `/cases/${id}/proposals`, twoLines)).status).toBe(400);
    const same = { ...body, quote: 'støtter', replacement: 'støtter' };
    expect((await send(sykehus, 'POST', `/cases/${id}/proposals`, same)).status).toBe(400);
  });
});

describe('deciding a proposal', () => {
  it('applies an accepted proposal as an edit by the accepter, live, and names both in the history', async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(sykehus, id, sections.municipal!, 'støtter', 'slutter seg til');
    const watcher = await liveSection(kommune, id, sections.municipal!);

    const accepted = await decide(kommune, thread.id, 'accepted');
    expect(accepted.status).toBe(200);
    const decided = (await accepted.json()) as CommentThread;
    expect(decided).toMatchObject({
      status: 'resolved',
      resolvedBy: await userId(kommune),
      proposal: { status: 'accepted', decidedBy: await userId(kommune), decidedByName: 'Kari Lind' },
    });

    // Relayed to a page that had the section open, without asking.
    await waitFor(
      () => paragraphText(applyAll(watcher)).toJSON() === 'Kommunene slutter seg til planen.',
      'the accepted proposal on the open page',
    );
    expect(await storedText(id, sections.municipal!)).toBe('Kommunene slutter seg til planen.');

    const versions = (await (
      await send(kommune, 'GET', `/cases/${id}/sections/${sections.municipal!}/versions`)
    ).json()) as SectionVersion[];
    expect(versions[0]).toMatchObject({
      label: 'Forslag fra Nils Berg godtatt av Kari Lind',
      createdByName: 'Kari Lind',
      text: 'Kommunene slutter seg til planen.',
    });
    expect((await decide(kommune, thread.id, 'accepted')).status).toBe(409);
  });

  it('refuses an observer, and the other side in a section it may not write', async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(observer, id, sections.municipal!, 'støtter', 'avviser');
    for (const decision of ['accepted', 'rejected'] as const) {
      const asObserver = await decide(observer, thread.id, decision);
      expect(asObserver.status).toBe(403);
      expect(((await asObserver.json()) as { error: string }).error).toBe('observer');
      const asHospital = await decide(sykehus, thread.id, decision);
      expect(asHospital.status).toBe(403);
      expect(((await asHospital.json()) as { error: string }).error).toBe('other-side');
      expect((await decide(stranger, thread.id, decision)).status).toBe(404);
    }
    expect(await storedText(id, sections.municipal!)).toBe('Kommunene støtter planen.');
    const listed = (await (await send(kommune, 'GET', `/cases/${id}/threads`)).json()) as CommentThread[];
    expect(listed[0]!.proposal?.status).toBe('open');
  });

  it('keeps a rejected proposal in its thread and leaves the text alone', async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(sykehus, id, sections.municipal!, 'planen', 'forslaget', { body: 'Presisering' });
    const rejected = await decide(kommune, thread.id, 'rejected');
    expect(rejected.status).toBe(200);
    expect((await rejected.json()) as CommentThread).toMatchObject({
      status: 'resolved',
      proposal: { status: 'rejected', decidedByName: 'Kari Lind', replacement: 'forslaget' },
      comments: [expect.objectContaining({ body: 'Presisering' })],
    });
    expect((await decide(kommune, thread.id, 'accepted')).status).toBe(409);
    expect(await storedText(id, sections.municipal!)).toBe('Kommunene støtter planen.');
  });

  it('refuses to accept once the proposed words were changed, and says so', async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(sykehus, id, sections.municipal!, 'støtter planen', 'avviser planen');
    const { client, local } = await liveSection(kommune, id, sections.municipal!);
    const before = Y.encodeStateVector(local);
    const text = paragraphText(local);
    text.insert(text.toJSON().indexOf('planen'), 'hele ');
    client.sendUpdate(Y.encodeStateAsUpdate(local, before));
    await syncRoundTrip(client, local);

    const refused = await decide(kommune, thread.id, 'accepted');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe('proposal_stale');
    expect(await storedText(id, sections.municipal!)).toBe('Kommunene støtter hele planen.');
  });
});

describe('proposals on the consensus wording', () => {
  it('voids no approval when made, and voids it like any edit when accepted', async () => {
    const { id, sections } = await newCase('til_beslutning');
    const { currentHash } = await consensusOf(kommune, id);
    expect((await approve(kommune, id, currentHash!)).status).toBe(201);

    const thread = await proposed(observer, id, sections.wording!, 'felles plan', 'felles handlingsplan');
    const untouched = await consensusOf(kommune, id);
    expect(untouched.currentHash).toBe(currentHash);
    expect(untouched.approvals.filter((a) => a.voidedAt === null)).toHaveLength(1);

    expect((await decide(sykehus, thread.id, 'accepted')).status).toBe(200);
    const after: ConsensusState = await consensusOf(kommune, id);
    expect(after.approvals.filter((a) => a.voidedAt === null)).toEqual([]);
    expect(after.lastVoid).toMatchObject({ reason: 'text-changed', changedByName: 'Nils Berg' });
  });

  it('refuses accepting into the locked wording, but lets it be rejected', async () => {
    const { id, sections } = await newCase('til_beslutning');
    const first = await proposed(sykehus, id, sections.wording!, 'felles plan', 'felles handlingsplan');
    const second = await proposed(sykehus, id, sections.wording!, 'SSU', 'samarbeidsutvalget');
    const { currentHash } = await consensusOf(kommune, id);
    expect((await approve(kommune, id, currentHash!)).status).toBe(201);
    expect((await approve(sykehus, id, currentHash!)).status).toBe(201);

    const refused = await decide(kommune, first.id, 'accepted');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe('locked');
    expect(await storedText(id, sections.wording!)).toBe('Partnerskapsmøtet ber SSU om en felles plan.');
    expect((await decide(kommune, second.id, 'rejected')).status).toBe(200);
  });
});

describe('accepting a proposal while the other side gives the final approval', () => {
  it('ends with either the replacement or the lock, never both, over several rounds', async () => {
    const outcomes = { accepted: 0, locked: 0 };
    for (let round = 0; round < 4; round++) {
      const { id, sections } = await newCase('til_beslutning');
      const thread = await proposed(observer, id, sections.wording!, 'felles plan', 'felles handlingsplan');
      const { currentHash } = await consensusOf(kommune, id);
      expect((await approve(kommune, id, currentHash!)).status).toBe(201);

      const [accepting, approving] = await Promise.all([
        decide(kommune, thread.id, 'accepted'),
        approve(sykehus, id, currentHash!),
      ]);
      const state = await consensusOf(kommune, id);
      const text = await storedText(id, sections.wording!);
      if (accepting.status === 200) {
        // The wording changed: the approval given on the old text could not lock it.
        outcomes.accepted += 1;
        expect(approving.status).toBe(409);
        expect(state.locks).toEqual([]);
        expect(text).toBe('Partnerskapsmøtet ber SSU om en felles handlingsplan.');
      } else {
        outcomes.locked += 1;
        expect(accepting.status).toBe(409);
        expect(approving.status).toBe(201);
        expect(state.locks.map((lock) => lock.sectionId)).toContain(sections.wording!);
        expect(text).toBe('Partnerskapsmøtet ber SSU om en felles plan.');
      }
    }
    expect(outcomes.accepted + outcomes.locked).toBe(4);
  });
});

describe('a member who joined later', () => {
  it('may accept in the section of the side they joined', async () => {
    const { id, sections } = await newCase();
    const thread = await proposed(sykehus, id, sections.municipal!, 'planen', 'tiltaket');
    const newcomer = await inviteMember(secretariat, { role: 'member', side: 'kommune', name: 'Ny Kommune' });
    expect((await decide(newcomer, thread.id, 'accepted')).status).toBe(200);
  });
});

/** The watcher's copy with everything the server sent it so far. */
function applyAll({ client, local }: { client: RawClient; local: Y.Doc }): Y.Doc {
  for (const payload of client.documentPayloads()) Y.applyUpdate(local, payload);
  return local;
}
