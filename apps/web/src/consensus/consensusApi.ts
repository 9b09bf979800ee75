import type { Case, CaseStatus, ConsensusView, DecisionRecord } from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

export function fetchConsensus(caseId: string, signal?: AbortSignal): Promise<ConsensusView> {
  return request(`${base(caseId)}/consensus`, { signal });
}

/** Approves the wording whose hash the user saw; the server refuses if it has changed since. */
export function approveWording(caseId: string, contentHash: string): Promise<ConsensusView> {
  return request(`${base(caseId)}/consensus/approvals`, sendJson('POST', { contentHash }));
}

export function withdrawOneStep(caseId: string): Promise<ConsensusView> {
  return request(`${base(caseId)}/consensus/one-step`, { method: 'DELETE' });
}

export function agreeToOneStep(caseId: string): Promise<ConsensusView> {
  return request(`${base(caseId)}/consensus/one-step`, { method: 'POST' });
}

export function requestReopen(caseId: string, reason: string): Promise<ConsensusView> {
  return request(`${base(caseId)}/consensus/reopen-requests`, sendJson('POST', { reason }));
}

export function confirmReopen(caseId: string, requestId: string): Promise<ConsensusView> {
  return request(`${base(caseId)}/consensus/reopen-requests/${encodeURIComponent(requestId)}/confirm`, {
    method: 'POST',
  });
}

export function changeStatus(caseId: string, status: CaseStatus): Promise<Case> {
  return request(`${base(caseId)}/status`, sendJson('PUT', { status }));
}

export function fetchDecisionRecord(caseId: string, signal?: AbortSignal): Promise<DecisionRecord> {
  return request(`${base(caseId)}/decision`, { signal });
}
