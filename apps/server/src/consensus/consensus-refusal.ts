import type { Case } from '@samraad/schema';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CaseRepository } from '../cases/case-repository.js';

/** A consensus step the server will not take, with the status and message the API answers. */
export class ConsensusRefusal extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The case a step acts on, or a 404 refusal when there is no such case. */
export async function requireCase(cases: Pick<CaseRepository, 'getCase'>, caseId: string): Promise<Case> {
  const found = await cases.getCase(caseId);
  if (!found) throw new ConsensusRefusal(404, 'not_found', 'Saken finnes ikke');
  return found;
}
