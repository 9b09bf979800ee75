import type { Case, PublicationState } from '@samraad/schema';
import { api, call, cancelledBy, id } from '../api/client.js';

const publication = api.cases[':caseId'].publication;
const param = (caseId: string) => ({ caseId: id(caseId) });

export function fetchPublication(caseId: string, signal?: AbortSignal): Promise<PublicationState> {
  return call(publication.$get({ param: param(caseId) }, cancelledBy(signal)), signal);
}

export function requestCorrection(caseId: string, reason: string): Promise<PublicationState> {
  return call(publication.corrections.$post({ param: param(caseId), json: { reason } }));
}

export function confirmCorrection(caseId: string, requestId: string): Promise<PublicationState> {
  return call(
    publication.corrections[':requestId'].confirm.$post({ param: { ...param(caseId), requestId: id(requestId) } }),
  );
}

/** The secretariat publishes the corrected text as a new frozen version. */
export function republish(caseId: string): Promise<Case> {
  return call(publication.republish.$post({ param: param(caseId) }));
}
