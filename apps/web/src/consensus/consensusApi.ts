import type { Case, CaseStatus, ConsensusView, DecisionRecord } from '@samraad/schema';
import { api, call, callWithNodes, cancelledBy, id } from '../api/client.js';

const theCase = api.cases[':caseId'];
const param = (caseId: string) => ({ caseId: id(caseId) });

export function fetchConsensus(caseId: string, signal?: AbortSignal): Promise<ConsensusView> {
  return call(theCase.consensus.$get({ param: param(caseId) }, cancelledBy(signal)), signal);
}

/** Approves the wording whose hash the user saw; the server refuses if it has changed since. */
export function approveWording(caseId: string, contentHash: string): Promise<ConsensusView> {
  return call(theCase.consensus.approvals.$post({ param: param(caseId), json: { contentHash } }));
}

export function withdrawOneStep(caseId: string): Promise<ConsensusView> {
  return call(theCase.consensus['one-step'].$delete({ param: param(caseId) }));
}

export function agreeToOneStep(caseId: string): Promise<ConsensusView> {
  return call(theCase.consensus['one-step'].$post({ param: param(caseId) }));
}

export function requestReopen(caseId: string, reason: string): Promise<ConsensusView> {
  return call(theCase.consensus['reopen-requests'].$post({ param: param(caseId), json: { reason } }));
}

export function confirmReopen(caseId: string, requestId: string): Promise<ConsensusView> {
  return call(
    theCase.consensus['reopen-requests'][':requestId'].confirm.$post({
      param: { ...param(caseId), requestId: id(requestId) },
    }),
  );
}

export function changeStatus(caseId: string, status: CaseStatus): Promise<Case> {
  return call(theCase.status.$put({ param: param(caseId), json: { status } }));
}

export function fetchDecisionRecord(caseId: string, signal?: AbortSignal): Promise<DecisionRecord> {
  return callWithNodes(theCase.decision.$get({ param: param(caseId) }, cancelledBy(signal)), signal);
}
