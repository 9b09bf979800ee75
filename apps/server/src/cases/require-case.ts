import type { Case } from '@samraad/schema';
import { NotFound } from '../errors/domain-errors.js';
import type { CaseRepository } from './case-repository.js';

/** The case a step acts on; a case that does not exist is a NotFound. */
export async function requireCase(cases: Pick<CaseRepository, 'getCase'>, caseId: string): Promise<Case> {
  const found = await cases.getCase(caseId);
  if (!found) throw new NotFound('Saken');
  return found;
}
