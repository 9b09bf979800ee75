import { CONSENSUS_SECTION_KIND, CONTENT_ENCODING, SECTION_FRAGMENT, hashConsensusContent } from '@samraad/schema';
import * as Y from 'yjs';
import type { CaseRepository } from '../cases/case-repository.js';
import type { SqlClient } from '../db/sql-client.js';
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
  sql: SqlClient;
  meta: MetaStore;
  cases: CaseRepository;
  documents: DocumentStore;
  consensus: ConsensusRepository;
}): Promise<HashUpgradeReport> {
  const { sql, meta, cases, documents, consensus } = deps;
  const report: HashUpgradeReport = { locksRehashed: 0, approvalsRehashed: 0, approvalsVoided: 0 };
  if ((await meta.get(HASH_ENCODING_KEY)) === CONTENT_ENCODING) return report;

  const locks = await sql.all<{ case_id: string; section_id: string; content_hash: string; sealed_state: Uint8Array }>(
    'SELECT case_id, section_id, content_hash, sealed_state FROM section_locks ORDER BY case_id, section_id',
  );
  for (const lock of locks) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(lock.sealed_state));
    const [current, old] = await Promise.all([hashSection(doc), legacyHash(doc)]);
    doc.destroy();
    if (lock.content_hash !== old) continue;
    await sql.transaction(async (tx) => {
      const moved = await tx.run(
        'UPDATE section_locks SET content_hash = ? WHERE case_id = ? AND section_id = ? AND content_hash = ?',
        [current, lock.case_id, lock.section_id, old],
      );
      report.locksRehashed += moved.changes;
      const approvals = await tx.run(
        'UPDATE approvals SET content_hash = ? WHERE case_id = ? AND voided_at IS NULL AND content_hash = ?',
        [current, lock.case_id, old],
      );
      report.approvalsRehashed += approvals.changes;
    });
  }

  const standing = await sql.all<{ case_id: string }>(
    'SELECT DISTINCT case_id FROM approvals WHERE voided_at IS NULL ORDER BY case_id',
  );
  for (const { case_id: caseId } of standing) {
    if ((await consensus.locks(caseId)).length > 0) continue;
    const section = (await cases.listSections(caseId)).find((s) => s.kind === CONSENSUS_SECTION_KIND);
    const doc = section ? await loadSection(documents, caseId, section.id) : new Y.Doc();
    const [current, old] = await Promise.all([hashSection(doc), legacyHash(doc)]);
    const text = sectionText(doc);
    doc.destroy();
    const rehashed = await sql.run(
      'UPDATE approvals SET content_hash = ? WHERE case_id = ? AND voided_at IS NULL AND content_hash = ?',
      [current, caseId, old],
    );
    report.approvalsRehashed += rehashed.changes;
    const stale = await sql.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM approvals WHERE case_id = ? AND voided_at IS NULL AND content_hash <> ?',
      [caseId, current],
    );
    if (Number(stale?.n ?? 0) > 0) {
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
