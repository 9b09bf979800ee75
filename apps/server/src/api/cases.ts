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
import { Conflict, Forbidden, NotFound } from '../errors/domain-errors.js';
import { jsonBody } from './validate.js';

export function casesRouter(
  cases: CaseRepository,
  audit: AuditLog,
  consensus: Pick<ConsensusRepository, 'locks'>,
  publications: Pick<PublicationRepository, 'isFrozen'>,
) {
  /** The case when the viewer may manage it. */
  const managedCase = async (c: Context<AuthEnv>): Promise<Case> => {
    const readable = await readableCase(c, cases, c.req.param('caseId')!);
    if (!readable) throw new NotFound('Saken');
    if (!decideCaseManagement(readable.actor).allowed) {
      throw Forbidden.saying('bare sekretariatet kan endre saken og delene i den');
    }
    return readable.found;
  };

  /** Refuses (409) a change that would alter or sidestep locked consensus or a publication. */
  const refuseLockedChange = async (found: Case, change: SectionChange): Promise<void> => {
    const [sections, locks, frozen] = await Promise.all([
      cases.listSections(found.id),
      consensus.locks(found.id),
      publications.isFrozen(found.id),
    ]);
    const decision = decideSectionChange(sections, new Set(locks.map((l) => l.sectionId)), change, { frozen });
    if (!decision.allowed) throw new Conflict(decision.reason);
  };

  return new Hono<AuthEnv>()
    .get('/:caseId', async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      const detail: CaseDetail = { case: readable.found, sections: await cases.listSections(readable.found.id) };
      return c.json(detail);
    })
    .get('/:caseId/activity', async (c) => {
      const readable = await readableCase(c, cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      return c.json(await audit.listForCase(readable.found.id));
    })
    .patch('/:caseId', jsonBody(UpdateCaseInputSchema), async (c) => {
      const managed = await managedCase(c);
      const patch = c.req.valid('json');
      // Status moves only through the case flow (PUT …/status), never around it.
      if (patch.status !== undefined && patch.status !== managed.status) {
        throw new Conflict('use_status_transition');
      }
      await refuseLockedChange(managed, { type: 'header' });
      const updated = await cases.updateCase(managed.id, patch);
      if (!updated) throw new NotFound('Saken');
      return c.json(updated);
    })
    .post('/:caseId/sections', jsonBody(CreateSectionInputSchema), async (c) => {
      const managed = await managedCase(c);
      const input = c.req.valid('json');
      await refuseLockedChange(managed, { type: 'create', input });
      return c.json(await cases.createSection(managed.id, { ...input, createdBy: c.get('viewer')!.user.id }), 201);
    })
    .patch('/:caseId/sections/:sectionId', jsonBody(UpdateSectionInputSchema), async (c) => {
      const managed = await managedCase(c);
      const patch = c.req.valid('json');
      await refuseLockedChange(managed, { type: 'update', sectionId: c.req.param('sectionId'), patch });
      const updated = await cases.updateSection(managed.id, c.req.param('sectionId'), patch);
      if (!updated) throw new NotFound('Delen');
      return c.json(updated);
    })
    .delete('/:caseId/sections/:sectionId', async (c) => {
      const managed = await managedCase(c);
      await refuseLockedChange(managed, { type: 'delete', sectionId: c.req.param('sectionId') });
      if (!(await cases.deleteSection(managed.id, c.req.param('sectionId')))) throw new NotFound('Delen');
      return c.body(null, 204);
    });
}
