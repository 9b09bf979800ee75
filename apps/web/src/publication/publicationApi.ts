import type { Case, PublicationState } from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/publication`;

export function fetchPublication(caseId: string, signal?: AbortSignal): Promise<PublicationState> {
  return request(base(caseId), { signal });
}

export function requestCorrection(caseId: string, reason: string): Promise<PublicationState> {
  return request(`${base(caseId)}/corrections`, sendJson('POST', { reason }));
}

export function confirmCorrection(caseId: string, requestId: string): Promise<PublicationState> {
  return request(`${base(caseId)}/corrections/${encodeURIComponent(requestId)}/confirm`, { method: 'POST' });
}

/** The secretariat publishes the corrected text as a new frozen version. */
export function republish(caseId: string): Promise<Case> {
  return request(`${base(caseId)}/republish`, { method: 'POST' });
}
