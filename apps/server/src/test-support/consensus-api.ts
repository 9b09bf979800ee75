import type { Case, ConsensusState } from '@samraad/schema';
import { sessionFetch, type TestSession } from './session.js';

/** JSON requests against the API as one logged-in user. */
export function send(session: TestSession, method: string, path: string, body?: unknown): Promise<Response> {
  return sessionFetch(session, `/api${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}

export async function consensusOf(session: TestSession, caseId: string): Promise<ConsensusState> {
  const response = await send(session, 'GET', `/cases/${caseId}/consensus`);
  if (response.status !== 200) throw new Error(`consensus state: ${response.status} ${await response.text()}`);
  return (await response.json()) as ConsensusState;
}

export function approve(session: TestSession, caseId: string, contentHash: string): Promise<Response> {
  return send(session, 'POST', `/cases/${caseId}/consensus/approvals`, { contentHash });
}

export async function moveCase(secretariat: TestSession, caseId: string, status: Case['status']): Promise<Response> {
  return send(secretariat, 'PUT', `/cases/${caseId}/status`, { status });
}
