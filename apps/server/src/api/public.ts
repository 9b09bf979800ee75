import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { exportFileName, loadCaseDocument, type CaseDocumentSources } from '../export/case-document.js';
import { renderCasePdf } from '../export/case-pdf.js';
import { isPublished, publicCommunityPage } from '../public/public-page.js';
import { notFound } from './errors.js';

/**
 * The public, read-only face of a community: no login, no session read or written. Answers
 * only with published cases; anything else is "not found", exactly like a case that does not exist.
 *
 * GET /api/public/communities                       the communities, by name
 * GET /api/public/communities/:communityId          published cases with their final text
 * GET /api/public/cases/:caseId/export.pdf          a published case's paper
 */
export function publicRouter(sources: CaseDocumentSources) {
  return new Hono<AuthEnv>()
    .get('/communities', async (c) => {
      const communities = await sources.cases.listCommunities();
      return c.json(communities.map(({ id, name }) => ({ id, name })));
    })
    .get('/communities/:communityId', async (c) => {
      const page = await publicCommunityPage(sources, c.req.param('communityId'));
      return page ? c.json(page) : notFound(c, 'Helsefellesskapet');
    })
    .get('/cases/:caseId/export.pdf', async (c) => {
      const found = await sources.cases.getCase(c.req.param('caseId'));
      if (!found || !isPublished(found)) return notFound(c, 'Saken');
      const file = await renderCasePdf(await loadCaseDocument(sources, found));
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${exportFileName(found)}.pdf"`,
      });
    });
}
