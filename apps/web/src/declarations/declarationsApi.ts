import type { DeclarationView, SignDeclarationInput } from '@samraad/schema';
import { request, sendJson } from '../api/client.js';

const base = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/declaration`;

export function fetchDeclaration(caseId: string, signal?: AbortSignal): Promise<DeclarationView> {
  return request(base(caseId), { signal });
}

/** Signs for the organisation, bound to the text the signer was shown (its hash): changed text is refused. */
export function signDeclaration(caseId: string, input: SignDeclarationInput): Promise<DeclarationView> {
  return request(`${base(caseId)}/sign`, sendJson('POST', input));
}

export function withdrawSignature(caseId: string, organisationId: string): Promise<DeclarationView> {
  return request(`${base(caseId)}/signatures/${encodeURIComponent(organisationId)}`, { method: 'DELETE' });
}
