import { CONSENSUS_SECTION_KIND, CONTENT_ENCODING, SECTION_FRAGMENT, hashConsensusContent } from '@samraad/schema';
import * as Y from 'yjs';
import type { CaseRepository } from '../cases/case-repository.js';
import type { Storage } from '../db/storage.js';
import type { MetaStore } from '../meta/meta-store.js';
import type { DocumentStore } from '../persistence/document-store.js';
import { sectionText } from '../sections/content.js';
import type { ConsensusRepository } from './consensus-repository.js';
import { hashSection, loadSection } from './section-state.js';

/** The meta key that records which content encoding the stored approval and lock hashes use. */
export const HASH_ENCODING_KEY = 'consensus-hash-encoding';

/**
 * The hash every approval and lock carried before CONTENT_ENCODING: SHA-256 of
 * `XmlFragment.toString()`, which is ambiguous (text is not escaped). Only ever used here, to
 * recognise an old hash of exactly the text it is being compared with.
 */
function legacyHash(doc: Y.Doc): Promise<string> {
  return hashConsensusContent(doc.getXmlFragment(SECTION_FRAGMENT).toString());
}

export interface HashUpgradeReport {
  locksRehashed: number;
  approvalsRehashed: number;
  approvalsVoided: number;
}

/**
 * Moves the stored approval and lock hashes from the old encoding to CONTENT_ENCODING, once.
 *
 * - A lock's hash is recomputed from its own sealed copy, if the old hash is the old hash of
 *   that copy; the standing approvals it rests on, which carry the same old hash, move with it.
 * - A standing approval of unlocked wording is recomputed from the stored wording if its old
 *   hash is the old hash of that wording. If any standing approval of the case cannot be shown
 *   to be of the text as it is now, the case's standing approvals are voided ('text-changed'):
 *   none may come to match different text by the change of encoding.
 * - Voided approvals and the void records keep their old hashes: they are history, and an
 *   old hash can never equal a new one (the new encoding names itself inside what is hashed).
 *
 * Idempotent (a hash already in the new encoding is left alone), and recorded in `meta` so it
 * runs once. Instances still running the old code must be stopped before upgrading: they
 * would keep writing old hashes.
 */
export async function upgradeConsensusHashes(deps: {
  sql: Storage;
  meta: MetaStore;
  cases: CaseRepository;
  documents: DocumentStore;
  consensus: ConsensusRepository;
}): Promise<HashUpgradeReport> {
  const { sql: storage, meta, cases, documents, consensus } = deps;
  const { db } = storage;
  const report: HashUpgradeReport = { locksRehashed: 0, approvalsRehashed: 0, approvalsVoided: 0 };
  if ((await meta.get(HASH_ENCODING_KEY)) === CONTENT_ENCODING) return report;

  const locks = await db
    .selectFrom('section_locks')
    .select(['case_id', 'section_id', 'content_hash', 'sealed_state'])
    .orderBy('case_id')
    .orderBy('section_id')
    .execute();
  for (const lock of locks) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(lock.sealed_state));
    const [current, old] = await Promise.all([hashSection(doc), legacyHash(doc)]);
    doc.destroy();
    if (lock.content_hash !== old) continue;
    await storage.transaction(async (tx) => {
      const moved = await tx.db
        .updateTable('section_locks')
        .set({ content_hash: current })
        .where('case_id', '=', lock.case_id)
        .where('section_id', '=', lock.section_id)
        .where('content_hash', '=', old)
        .executeTakeFirst();
      report.locksRehashed += Number(moved.numUpdatedRows);
      report.approvalsRehashed += await rehashStandingApprovals(tx, lock.case_id, old, current);
    });
  }

  const standing = await db
    .selectFrom('approvals')
    .select('case_id')
    .distinct()
    .where('voided_at', 'is', null)
    .orderBy('case_id')
    .execute();
  for (const { case_id: caseId } of standing) {
    if ((await consensus.locks(caseId)).length > 0) continue;
    const section = (await cases.listSections(caseId)).find((s) => s.kind === CONSENSUS_SECTION_KIND);
    const doc = section ? await loadSection(documents, caseId, section.id) : new Y.Doc();
    const [current, old] = await Promise.all([hashSection(doc), legacyHash(doc)]);
    const text = sectionText(doc);
    doc.destroy();
    report.approvalsRehashed += await rehashStandingApprovals(storage, caseId, old, current);
    const stale = await db
      .selectFrom('approvals')
      .select('id')
      .where('case_id', '=', caseId)
      .where('voided_at', 'is', null)
      .where('content_hash', '<>', current)
      .limit(1)
      .executeTakeFirst();
    if (stale) {
      report.approvalsVoided += await consensus.voidApprovals(caseId, 'text-changed', {
        changedBy: null,
        currentHash: current,
        currentText: text,
      });
    }
  }

  await meta.set(HASH_ENCODING_KEY, CONTENT_ENCODING);
  return report;
}

/** Moves a case's standing approvals from hash `old` to `current`; how many moved. */
async function rehashStandingApprovals({ db }: Storage, caseId: string, old: string, current: string): Promise<number> {
  const { numUpdatedRows } = await db
    .updateTable('approvals')
    .set({ content_hash: current })
    .where('case_id', '=', caseId)
    .where('voided_at', 'is', null)
    .where('content_hash', '=', old)
    .executeTakeFirst();
  return Number(numUpdatedRows);
}
