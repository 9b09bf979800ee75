import { NamedVersionInputSchema, VersionDiffQuerySchema } from '@samraad/schema';
import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import type { CaseRepository } from '../cases/case-repository.js';
import type { VersionService } from '../versions/version-service.js';
import { actingOn } from './consensus.js';
import { NotFound } from '../errors/domain-errors.js';
import { jsonBody, queryOf } from './validate.js';

/** Version history of one section: list, name, view, diff, restore. */
export function versionsRouter({ cases, versions }: { cases: CaseRepository; versions: VersionService }) {
  const base = '/cases/:caseId/sections/:sectionId/versions';
  return new Hono<AuthEnv>()
    .get(base, async (c) => {
      const { caseId, sectionId } = c.req.param();
      if (!(await actingOn(c, cases, caseId))) throw new NotFound('Saken');
      return c.json(await versions.list(caseId, sectionId));
    })
    .post(base, jsonBody(NamedVersionInputSchema), async (c) => {
      const { caseId, sectionId } = c.req.param();
      const acting = await actingOn(c, cases, caseId);
      if (!acting) throw new NotFound('Saken');
      return c.json(await versions.named(caseId, sectionId, c.req.valid('json').label, acting), 201);
    })
    .get(`${base}/diff`, queryOf(VersionDiffQuerySchema), async (c) => {
      const { caseId, sectionId } = c.req.param();
      if (!(await actingOn(c, cases, caseId))) throw new NotFound('Saken');
      const { from, to } = c.req.valid('query');
      return c.json(await versions.diff(caseId, sectionId, from, to));
    })
    .get(`${base}/:versionId`, async (c) => {
      const { caseId, sectionId, versionId } = c.req.param();
      if (!(await actingOn(c, cases, caseId))) throw new NotFound('Saken');
      return c.json(await versions.get(caseId, sectionId, versionId));
    })
    .post(`${base}/:versionId/restore`, async (c) => {
      const { caseId, sectionId, versionId } = c.req.param();
      const acting = await actingOn(c, cases, caseId);
      if (!acting) throw new NotFound('Saken');
      return c.json(await versions.restore(caseId, sectionId, versionId, acting));
    });
}
