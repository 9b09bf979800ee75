import type { ConsensusState } from '@samraad/schema';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../server.js';
import { approve, consensusOf, moveCase } from '../test-support/consensus-api.js';
import { DEMO, login, type TestSession } from '../test-support/session.js';
import { TEST_DB } from '../test-support/test-database.js';
import { startTestServer } from '../test-support/test-server.js';

/**
 * The final approval is one unit of work (approval → locks → status → versions). Counted at
 * the driver: every statement the server runs while the request is in flight, reads and
 * writes, inside or outside the transaction, authentication included, and on PostgreSQL the
 * transaction's BEGIN and COMMIT and the fences' advisory locks. It was 52 counted this way.
 * What remains, and why each is needed:
 * - authentication: 2 (the session with its person, then the memberships);
 * - the case's consensus facts, before the rooms are taken: 1 (which sections to hold, and
 *   the approver rule, refused before anything is held);
 * - PostgreSQL only: BEGIN, one statement taking the three rooms' fences, COMMIT;
 * - inside the transaction, with the fences held: the facts again (status, locks and the
 *   other side's approval as they stand now, so two instances' approvals cannot both miss
 *   each other), and the three stored documents in one query;
 * - the writes: the approval, the locks, the status, the four versions (one INSERT each).
 * The answer is built from what the transaction read and wrote; no room is loaded.
 */
const MAX_FINAL_APPROVAL_STATEMENTS = TEST_DB === 'postgres' ? 12 : 9;

/**
 * The consensus notices (bell + outbox) are written in the approval's transaction, so that the
 * consensus and its notices commit together; they are counted apart because they grow with the
 * community: per recipient the address, the mail settings and the notice row (to be batched),
 * and once who to tell (the community's members). Matched with or without Kysely's quoting.
 */
const NOTICE = /notification|mail_outbox|^select "?email"? from "?users"?|from "?memberships"? where "?community_id"?/i;
const MAX_STATEMENTS_PER_NOTICE = 3;
/** Once for all the notices: who to tell. */
const NOTICES_OVERHEAD = 1;

function split(all: readonly string[]): { approval: string[]; notices: string[] } {
  return {
    approval: all.filter((statement) => !NOTICE.test(statement)),
    notices: all.filter((statement) => NOTICE.test(statement)),
  };
}

const CASE = 'lvs-04-2022';
let server: RunningServer;
let counting = false;
const statements: string[] = [];
let kommune: TestSession;
let sykehus: TestSession;

beforeAll(async () => {
  server = await startTestServer(undefined, {
    onQuery: (sql) => {
      if (counting) statements.push(sql);
    },
  });
  let secretariat: TestSession;
  [kommune, sykehus, secretariat] = await Promise.all([
    login(server.url, DEMO.kommune),
    login(server.url, DEMO.sykehus),
    login(server.url, DEMO.sekretariat),
  ]);
  expect((await moveCase(secretariat, CASE, 'til_beslutning')).status).toBe(200);
});

afterAll(() => server.close());

it(`locks the case on the final approval in at most ${MAX_FINAL_APPROVAL_STATEMENTS} statements`, async () => {
  const { currentHash } = await consensusOf(kommune, CASE);
  expect((await approve(kommune, CASE, currentHash!)).status).toBe(201);
  statements.length = 0;
  counting = true;
  const approved = await approve(sykehus, CASE, currentHash!);
  counting = false;
  expect(approved.status).toBe(201);
  const state = (await approved.json()) as ConsensusState;
  expect(state.status).toBe('konsensus');
  expect(state.locks).toHaveLength(3);
  const { approval, notices } = split(statements);
  const noticeRows = notices.filter((sql) => /^insert into "?notifications"?/i.test(sql)).length;
  expect(noticeRows).toBeGreaterThan(0);
  expect(approval.length, approval.join('\n')).toBeLessThanOrEqual(MAX_FINAL_APPROVAL_STATEMENTS);
  expect(notices.length, notices.join('\n')).toBeLessThanOrEqual(
    noticeRows * MAX_STATEMENTS_PER_NOTICE + NOTICES_OVERHEAD,
  );
});
