import { actorIn, type Actor, type Case } from '@samraad/schema';
import type { Context } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';

/** The viewer's actor in a community; null when not logged in or not a member there. */
export function actorFor(c: Context<AuthEnv>, communityId: string): Actor | null {
  const viewer = c.get('viewer');
  return viewer ? actorIn(viewer.memberships, communityId) : null;
}

/**
 * A case the viewer may read, or null. A case in someone else's community answers exactly
 * like one that does not exist, so its existence does not leak either.
 */
export async function readableCase(
  c: Context<AuthEnv>,
  cases: CaseRepository,
  caseId: string,
): Promise<{ found: Case; actor: Actor } | null> {
  const found = await cases.getCase(caseId);
  if (!found) return null;
  const actor = actorFor(c, found.communityId);
  return actor ? { found, actor } : null;
}
