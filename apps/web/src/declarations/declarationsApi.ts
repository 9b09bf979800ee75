import type { DeclarationView } from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/declaration`;

export function fetchDeclaration(caseId: string, signal?: AbortSignal): Promise<DeclarationView> {
  return request(base(caseId), { signal });
}

export function signDeclaration(caseId: string, organisationId: string): Promise<DeclarationView> {
  return request(`${base(caseId)}/sign`, sendJson('POST', { organisationId }));
}

export function withdrawSignature(caseId: string, organisationId: string): Promise<DeclarationView> {
  return request(`${base(caseId)}/signatures/${encodeURIComponent(organisationId)}`, { method: 'DELETE' });
}
