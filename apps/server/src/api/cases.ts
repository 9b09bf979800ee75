import {
  CreateSectionInputSchema,
  UpdateCaseInputSchema,
  UpdateSectionInputSchema,
  decideCaseManagement,
  decideSectionChange,
  type Case,
  type CaseDetail,
  type SectionChange,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { ConsensusRepository } from '../consensus/consensus-repository.js';
import type { PublicationRepository } from '../publication/publication-repository.js';
import { readableCase } from './access.js';
import { SECTION_CHANGE_TEXT } from './section-change-text.js';
import { apiError, notFound } from './errors.js';
import { jsonBody } from './validate.js';

export function casesRouter(
  cases: CaseRepository,
  audit: AuditLog,
  consensus: Pick<ConsensusRepository, 'locks'>,
  publications: Pick<PublicationRepository, 'isFrozen'>,
) {
  /** The case when the viewer may manage it, else the response to send instead. */
  const managedCase = async (c: Context<AuthEnv>): Promise<Case | Response> => {
    const readable = await readableCase(c, cases, c.req.param('caseId')!);
    if (!readable) return notFound(c, 'Saken');
    if (!decideCaseManagement(readable.actor).allowed) {
      return apiError(c, 403, 'forbidden', 'bare sekretariatet kan endre saken og delene i den');
    }
    return readable.found;
  };

  /** The 409 to answer when the change would alter or sidestep locked consensus or a publication, else null. */
  const refusedChange = async (c: Context<AuthEnv>, found: Case, change: SectionChange): Promise<Response | null> => {
    const [sections, locks, frozen] = await Promise.all([
      cases.listSections(found.id),
      consensus.locks(found.id),
      publications.isFrozen(found.id),
    ]);
    const decision = decideSectionChange(sections, new Set(locks.map((l) => l.sectionId)), change, { frozen });
    return decision.allowed ? null : apiError(c, 409, decision.reason, SECTION_CHANGE_TEXT[decision.reason]);
  };

  return new Hono<AuthEnv>()
    .get('/:caseId', async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) return notFound(c, 'Saken');
      const detail: CaseDetail = { case: readable.found, sections: await cases.listSections(readable.found.id) };
      return c.json(detail);
    })
    .get('/:caseId/activity', async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) return notFound(c, 'Saken');
      return c.json(await audit.listForCase(readable.found.id));
    })
    .patch('/:caseId', jsonBody(UpdateCaseInputSchema), async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      const patch = c.req.valid('json');
      // Status moves only through the case flow (PUT …/status), never around it.
      if (patch.status !== undefined && patch.status !== managed.status) {
        return apiError(
          c,
          409,
          'use_status_transition',
          'status endres med statusendring (PUT /api/cases/:id/status), ikke her',
        );
      }
      const refused = await refusedChange(c, managed, { type: 'header' });
      if (refused) return refused;
      return c.json(await cases.updateCase(managed.id, patch));
    })
    .post('/:caseId/sections', jsonBody(CreateSectionInputSchema), async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      const input = c.req.valid('json');
      const refused = await refusedChange(c, managed, { type: 'create', input });
      if (refused) return refused;
      return c.json(await cases.createSection(managed.id, { ...input, createdBy: c.get('viewer')!.user.id }), 201);
    })
    .patch('/:caseId/sections/:sectionId', jsonBody(UpdateSectionInputSchema), async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      const patch = c.req.valid('json');
      const refused = await refusedChange(c, managed, { type: 'update', sectionId: c.req.param('sectionId'), patch });
      if (refused) return refused;
      const updated = await cases.updateSection(managed.id, c.req.param('sectionId'), patch);
      return updated ? c.json(updated) : notFound(c, 'Delen');
    })
    .delete('/:caseId/sections/:sectionId', async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      const refused = await refusedChange(c, managed, { type: 'delete', sectionId: c.req.param('sectionId') });
      if (refused) return refused;
      return (await cases.deleteSection(managed.id, c.req.param('sectionId')))
        ? c.body(null, 204)
        : notFound(c, 'Delen');
    });
}
