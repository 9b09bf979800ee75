import { SECTION_FRAGMENT, consensusContent, hashConsensusContent, type ConsensusState } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../server.js';
import { approve, consensusOf } from '../test-support/consensus-api.js';
import { connectRawWriter, type RawClient } from '../test-support/raw-client.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { startTestServer } from '../test-support/test-server.js';
import { connectSectionClient, waitForSync } from '../test-support/yjs-client.js';

/** The SSU action plan: in the decision round, its wording is the section "anbefaling". */
const CASE = 'lvs-07-2021';
const WORDING = 'anbefaling';

let server: RunningServer;
let kommune: TestSession;
let sykehus: TestSession;
let observer: TestSession;
const sockets: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  [kommune, sykehus, observer] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.observator),
  ]);
});

afterAll(async () => {
  for (const socket of sockets) socket.socket.terminate();
  await server.close();
});

/** Replaces the whole wording with paragraphs of plain text, as a hand-written client would. */
async function replaceWording(session: TestSession, paragraphs: string[]): Promise<Y.Doc> {
  const writer = await connectRawWriter(session, CASE, WORDING);
  sockets.push(writer.client);
  const { client, local } = writer;
  const before = Y.encodeStateVector(local);
  const fragment = local.getXmlFragment(SECTION_FRAGMENT);
  local.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(
      0,
      paragraphs.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        const content = new Y.XmlText();
        content.insert(0, text);
        paragraph.insert(0, [content]);
        return paragraph;
      }),
    );
  });
  client.sendUpdate(Y.encodeStateAsUpdate(local, before));
  // Barrier: an observer's fresh copy holds exactly these paragraphs, so the server stored them.
  const expected = paragraphs.join('\n');
  let seen = '';
  const started = Date.now();
  while (seen !== expected) {
    if (Date.now() - started > 5000)
      throw new Error(`the server never stored ${JSON.stringify(expected)}; it has ${JSON.stringify(seen)}`);
    const fresh = connectSectionClient(observer, CASE, WORDING);
    await waitForSync(fresh);
    seen = fresh.text();
    fresh.destroy();
  }
  return local;
}

/** The hash of a document as the client holding it computes it, with the shared rule. */
const hashOf = (doc: Y.Doc) => hashConsensusContent(consensusContent(doc.getXmlFragment(SECTION_FRAGMENT)));

describe('the approval hash cannot be forged with markup in the text', () => {
  it('voids an approval of two paragraphs when they become one paragraph spelling out the same markup', async () => {
    // Side A (the municipalities) approves two paragraphs, "X" and "Y", hashed from what it holds.
    const twoParagraphs = await replaceWording(kommune, ['X', 'Y']);
    const approvedHash = await hashOf(twoParagraphs);
    expect((await consensusOf(kommune, CASE)).currentHash).toBe(approvedHash);
    const approvedByA = await approve(kommune, CASE, approvedHash);
    expect(approvedByA.status).toBe(201);

    // Side B (the hospital) replaces them with one paragraph whose text is the markup itself.
    const oneParagraph = await replaceWording(sykehus, ['X</paragraph><paragraph>Y']);
    const forgedHash = await hashOf(oneParagraph);
    expect((await consensusOf(sykehus, CASE)).currentHash).toBe(forgedHash);

    // B approves what it wrote: that is its own approval, never a consensus with A.
    const approvedByB = await approve(sykehus, CASE, forgedHash);
    expect(approvedByB.status).toBe(201);
    const state = (await approvedByB.json()) as ConsensusState;
    expect(state.status).toBe('til_beslutning');
    expect(state.locks).toEqual([]);
    expect(state.approvals.filter((a) => a.voidedAt === null).map((a) => a.side)).toEqual(['helseforetak']);
    expect(state.approvals.find((a) => a.side === 'kommune')).toMatchObject({ voidReason: 'text-changed' });
    expect(forgedHash).not.toBe(approvedHash);
  });
});
