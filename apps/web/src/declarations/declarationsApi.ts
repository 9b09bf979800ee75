import type { DeclarationView, SignDeclarationInput } from '@samraad/schema';
import { api, callWithNodes, cancelledBy, id } from '../api/client.js';

const declaration = api.cases[':caseId'].declaration;

export function fetchDeclaration(caseId: string, signal?: AbortSignal): Promise<DeclarationView> {
  return callWithNodes(declaration.$get({ param: { caseId: id(caseId) } }, cancelledBy(signal)), signal);
}

/** Signs for the organisation, bound to the text the signer was shown (its hash): changed text is refused. */
export function signDeclaration(caseId: string, input: SignDeclarationInput): Promise<DeclarationView> {
  return callWithNodes(declaration.sign.$post({ param: { caseId: id(caseId) }, json: input }));
}

export function withdrawSignature(caseId: string, organisationId: string): Promise<DeclarationView> {
  return callWithNodes(
    declaration.signatures[':organisationId'].$delete({
      param: { caseId: id(caseId), organisationId: id(organisationId) },
    }),
  );
}
