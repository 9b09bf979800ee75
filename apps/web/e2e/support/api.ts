import type { Page } from 'playwright-core';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/**
 * Calls the API from inside a logged-in page, with its session cookie and CSRF token, exactly
 * as the app's own requests go out.
 */
export async function callApi<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as T };
    },
    { method, path, body },
  );
}

async function expectOk<T>(answer: Promise<ApiAnswer<T>>, what: string): Promise<T> {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Locks a case by consensus through the API: the secretariat sends it to decision, then a
 * member of each side approves the wording as the server has it.
 */
export async function lockByConsensus(
  caseId: string,
  people: { secretariat: Page; municipal: Page; hospital: Page },
): Promise<void> {
  const base = `/api/cases/${encodeURIComponent(caseId)}`;
  const detail = await expectOk(callApi<{ case: { status: string } }>(people.secretariat, 'GET', base), 'case');
  if (detail.case.status !== 'til_beslutning') {
    if (detail.case.status !== 'til_drofting') {
      await expectOk(callApi(people.secretariat, 'PUT', `${base}/status`, { status: 'til_drofting' }), 'to discussion');
    }
    await expectOk(callApi(people.secretariat, 'PUT', `${base}/status`, { status: 'til_beslutning' }), 'to decision');
  }
  const consensus = await expectOk(
    callApi<{ currentHash: string }>(people.municipal, 'GET', `${base}/consensus`),
    'consensus',
  );
  for (const approver of [people.municipal, people.hospital]) {
    await expectOk(
      callApi(approver, 'POST', `${base}/consensus/approvals`, { contentHash: consensus.currentHash }),
      'approval',
    );
  }
  const locked = await expectOk(
    callApi<{ locks: unknown[] }>(people.municipal, 'GET', `${base}/consensus`),
    'consensus',
  );
  if (locked.locks.length === 0) throw new Error('both sides approved, but nothing was locked');
}
