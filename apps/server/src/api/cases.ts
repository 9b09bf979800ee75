import {
  CreateSectionInputSchema,
  UpdateCaseInputSchema,
  UpdateSectionInputSchema,
  decideCaseManagement,
  type Case,
  type CaseDetail,
} from '@samraad/schema';
import { Hono, type Context } from 'hono';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { LockLookup } from '../ws/socket-access.js';
import { readableCase } from './access.js';
import { apiError, notFound } from './errors.js';
import { jsonBody } from './validate.js';

export function casesRouter(cases: CaseRepository, audit: AuditLog, locks: LockLookup) {
  /** The case when the viewer may manage it, else the response to send instead. */
  const managedCase = async (c: Context<AuthEnv>): Promise<Case | Response> => {
    const readable = await readableCase(c, cases, c.req.param('caseId')!);
    if (!readable) return notFound(c, 'Saken');
    if (!decideCaseManagement(readable.actor).allowed) {
      return apiError(c, 403, 'forbidden', 'bare sekretariatet kan endre saken og delene i den');
    }
    return readable.found;
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
        return apiError(c, 409, 'use_status_transition', 'status endres med statusendring (PUT /api/cases/:id/status), ikke her');
      }
      return c.json(await cases.updateCase(managed.id, patch));
    })
    .post('/:caseId/sections', jsonBody(CreateSectionInputSchema), async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      return c.json(await cases.createSection(managed.id, c.req.valid('json')), 201);
    })
    .patch('/:caseId/sections/:sectionId', jsonBody(UpdateSectionInputSchema), async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      const updated = await cases.updateSection(managed.id, c.req.param('sectionId'), c.req.valid('json'));
      return updated ? c.json(updated) : notFound(c, 'Delen');
    })
    .delete('/:caseId/sections/:sectionId', async (c) => {
      const managed = await managedCase(c);
      if (managed instanceof Response) return managed;
      // Locked text stays until both sides reopen it; deleting the section would remove it.
      if (await locks.isLocked(managed.id, c.req.param('sectionId'))) {
        return apiError(c, 409, 'locked', 'delen er låst etter konsensus og kan ikke slettes');
      }
      return (await cases.deleteSection(managed.id, c.req.param('sectionId'))) ? c.body(null, 204) : notFound(c, 'Delen');
    });
}
