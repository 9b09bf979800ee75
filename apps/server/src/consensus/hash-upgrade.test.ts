import { CONTENT_ENCODING, SECTION_FRAGMENT, hashConsensusContent } from '@samraad/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/open-database.js';
import { createSqlMetaStore } from '../meta/meta-store.js';
import { createSqlDocumentStore } from '../persistence/sql-document-store.js';
import type { RunningServer } from '../server.js';
import { approve, consensusOf } from '../test-support/consensus-api.js';
import { DEMO, login } from '../test-support/session.js';
import { testDatabaseUrl } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';
import { HASH_ENCODING_KEY } from './hash-upgrade.js';
import { hashSection, loadSection } from './section-state.js';
import { createSqlConsensusRepository } from './sql-consensus-repository.js';

/** The old, ambiguous hash: SHA-256 of XmlFragment.toString(). */
const oldHash = (doc: Y.Doc) => hashConsensusContent(doc.getXmlFragment(SECTION_FRAGMENT).toString());

let server: RunningServer & { dataDir: string };
/** The new hashes of what the old rows were bound to, computed before the upgrade. */
const expected: { decisionRound: string; locked: string } = { decisionRound: '', locked: '' };

beforeAll(async () => {
  // A database as the previous release left it: approvals and a lock hashed the old way.
  const first = await startTestServer();
  await first.close();
  const sql = await openDatabase({ databaseUrl: await testDatabaseUrl(first.dataDir), dataDir: first.dataDir });
  try {
    const documents = createSqlDocumentStore(sql);
    const consensus = createSqlConsensusRepository(sql);
    const idOf = async (email: string) =>
      (await sql.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const [kari, nils] = [await idOf(DEMO.kommune), await idOf(DEMO.sykehus)];

    // In the decision round: the municipalities approved the wording as it still stands.
    const wording = await loadSection(documents, 'lvs-07-2021', 'anbefaling');
    expected.decisionRound = await hashSection(wording);
    await consensus.addApproval({
      caseId: 'lvs-07-2021',
      side: 'kommune',
      userId: kari,
      contentHash: await oldHash(wording),
      contentText: 'gammel',
    });

    // An approval whose old hash is of other text than the wording holds now.
    const other = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Annen tekst')]);
    other.getXmlFragment(SECTION_FRAGMENT).insert(0, [paragraph]);
    await consensus.addApproval({
      caseId: 'lvs-04-2022',
      side: 'helseforetak',
      userId: nils,
      contentHash: await oldHash(other),
      contentText: 'Annen tekst',
    });

    // A locked agreement: the lock and both approvals carry the old hash of the sealed copy.
    // (The demo seed now approves and locks 06-2021 through the real flow; the previous
    // release's rows stand in for those.)
    await sql.db.deleteFrom('section_locks').where('case_id', '=', 'lvs-06-2021').execute();
    await sql.db.deleteFrom('approvals').where('case_id', '=', 'lvs-06-2021').execute();
    const sealed = await loadSection(documents, 'lvs-06-2021', 'anbefaling');
    expected.locked = await hashSection(sealed);
    const sealedOld = await oldHash(sealed);
    await consensus.addApproval({
      caseId: 'lvs-06-2021',
      side: 'kommune',
      userId: kari,
      contentHash: sealedOld,
      contentText: 'x',
    });
    await consensus.addApproval({
      caseId: 'lvs-06-2021',
      side: 'helseforetak',
      userId: nils,
      contentHash: sealedOld,
      contentText: 'x',
    });
    await consensus.lock('lvs-06-2021', [
      { sectionId: 'anbefaling', contentHash: sealedOld, sealedState: Y.encodeStateAsUpdate(sealed) },
    ]);

    // The previous release had never recorded an encoding.
    await sql.db.deleteFrom('meta').where('key', '=', HASH_ENCODING_KEY).execute();
  } finally {
    await sql.close();
  }
  server = await startTestServer(first.dataDir);
});

afterAll(async () => {
  await server?.close();
});

describe('approvals and locks hashed the old way, after the upgrade', () => {
  it('rehashes an approval whose old hash is of the wording as it stands, and it still counts', async () => {
    const kommune = await login(server.url, DEMO.kommune);
    const state = await consensusOf(kommune, 'lvs-07-2021');
    expect(state.currentHash).toBe(expected.decisionRound);
    expect(state.approvals).toEqual([
      expect.objectContaining({ side: 'kommune', contentHash: expected.decisionRound, voidedAt: null }),
    ]);
    // The other side approving the same wording now reaches consensus with it.
    const sykehus = await login(server.url, DEMO.sykehus);
    const approved = await approve(sykehus, 'lvs-07-2021', state.currentHash!);
    expect(approved.status).toBe(201);
    expect(((await approved.json()) as { status: string }).status).toBe('konsensus');
  });

  it('voids an approval whose old hash does not match the wording, so it can never match new text', async () => {
    const state = await consensusOf(await login(server.url, DEMO.sykehus), 'lvs-04-2022');
    expect(state.approvals).toEqual([expect.objectContaining({ side: 'helseforetak', voidReason: 'text-changed' })]);
    expect(state.approvals[0]!.voidedAt).not.toBeNull();
  });

  it('rehashes a lock from its sealed copy, and the approvals it rests on with it', async () => {
    const state = await consensusOf(await login(server.url, DEMO.observator), 'lvs-06-2021');
    expect(state.locks).toEqual([expect.objectContaining({ sectionId: 'anbefaling', contentHash: expected.locked })]);
    expect(state.approvals.filter((a) => a.voidedAt === null).map((a) => a.contentHash)).toEqual([
      expected.locked,
      expected.locked,
    ]);
  });

  it('records the encoding, so it runs once', async () => {
    const sql = await openDatabase({ databaseUrl: await testDatabaseUrl(server.dataDir), dataDir: server.dataDir });
    try {
      expect(await createSqlMetaStore(sql).get(HASH_ENCODING_KEY)).toBe(CONTENT_ENCODING);
    } finally {
      await sql.close();
    }
  });
});
