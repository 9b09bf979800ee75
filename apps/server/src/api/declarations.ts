import {
  MarkDeclarationInputSchema,
  SignDeclarationInputSchema,
  decideCaseManagement,
  type Case,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { DeclarationService, type DeclarationDependencies, type Signer } from '../declarations/declaration-service.js';
import { Forbidden, NotFound } from '../errors/domain-errors.js';
import { readableCase } from './access.js';
import { jsonBody } from './validate.js';

/**
 * GET  /api/cases/:caseId/declaration       partners, who has signed and who is missing
 * POST /api/cases/:caseId/declaration/sign  sign for one's own organisation, bound to the text's hash
 * DELETE /api/cases/:caseId/declaration/signatures/:organisationId  withdraw that signature
 * PUT  /api/cases/:caseId/declaration       the secretariat marks a case as a declaration
 */
export function declarationsRouter(deps: DeclarationDependencies) {
  const { cases, declarations } = deps;
  const service = new DeclarationService(deps);
  /** The viewer's membership in the community, with the title from their profile as it is now. */
  const membershipOf = (c: Context<AuthEnv>, communityId: string): Signer | null => {
    const viewer = c.get('viewer');
    const membership = viewer?.memberships.find((m) => m.communityId === communityId);
    return viewer && membership ? { ...membership, title: viewer.user.title } : null;
  };

  /** Signs or withdraws for the viewer, then answers with the declaration (a refusal is thrown). */
  const signatureChange = async (
    c: Context<AuthEnv>,
    change: (found: Case, signer: { userId: string; membership: Signer | null }) => Promise<void>,
    status: 200 | 201,
  ) => {
    const readable = await readableCase(c, cases, c.req.param('caseId')!);
    if (!readable) throw new NotFound('Saken');
    const membership = membershipOf(c, readable.found.communityId);
    await change(readable.found, { userId: c.get('viewer')!.user.id, membership });
    return c.json(await service.view(readable.found, membership), status);
  };

  return new Hono<AuthEnv>()
    .get('/cases/:caseId/declaration', async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      return c.json(await service.view(readable.found, membershipOf(c, readable.found.communityId)));
    })
    .post('/cases/:caseId/declaration/sign', jsonBody(SignDeclarationInputSchema), (c) =>
      signatureChange(c, (found, signer) => service.sign(found, signer, c.req.valid('json')), 201),
    )
    .delete('/cases/:caseId/declaration/signatures/:organisationId', (c) =>
      signatureChange(c, (found, signer) => service.withdraw(found, signer, c.req.param('organisationId')), 200),
    )
    .put('/cases/:caseId/declaration', jsonBody(MarkDeclarationInputSchema), async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      if (!decideCaseManagement(readable.actor).allowed) {
        throw Forbidden.saying('bare sekretariatet kan merke en sak som erklæring');
      }
      await declarations.setDeclaration(readable.found.id, c.req.valid('json').isDeclaration);
      return c.json(await service.view(readable.found, membershipOf(c, readable.found.communityId)));
    });
}
