import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { exportFileName, type CaseDocumentSources } from '../export/case-document.js';
import { loadMeetingDocument, meetingFileName } from '../export/meeting-document.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import { isPublicMeeting, publicCommunityPage, publishedDocument } from '../public/public-page.js';
import { NotFound } from '../errors/domain-errors.js';

/** PDFKit costs tens of MiB when loaded; only a download needs it, so it loads with the first one. */
const loadPdf = () => import('../export/case-pdf.js');

/**
 * The public, read-only face of a community: no login, no session read or written. Answers
 * only with published cases; anything else is "not found", exactly like a case that does not exist.
 *
 * GET /api/public/communities                       the communities, by name
 * GET /api/public/communities/:communityId          published cases with their final text
 * GET /api/public/cases/:caseId/export.pdf          a published case's paper
 * GET /api/public/meetings/:meetingId/export.pdf    a public meeting with its published cases only
 */
export function publicRouter(sources: CaseDocumentSources & { meetings: MeetingRepository }) {
  return new Hono<AuthEnv>()
    .get('/communities', async (c) => {
      const communities = await sources.cases.listCommunities();
      return c.json(communities.map(({ id, name }) => ({ id, name })));
    })
    .get('/communities/:communityId', async (c) => {
      const page = await publicCommunityPage(sources, c.req.param('communityId'));
      if (!page) throw new NotFound('Helsefellesskapet');
      return c.json(page);
    })
    .get('/cases/:caseId/export.pdf', async (c) => {
      const found = await sources.cases.getCase(c.req.param('caseId'));
      const document = found ? await publishedDocument(sources, found) : null;
      if (!found || !document) throw new NotFound('Saken');
      const file = await (await loadPdf()).renderCasePdf(document);
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${exportFileName(found)}.pdf"`,
      });
    })
    .get('/meetings/:meetingId/export.pdf', async (c) => {
      const meeting = await sources.meetings.getMeeting(c.req.param('meetingId'));
      if (!meeting || !(await isPublicMeeting(sources.meetings, meeting))) throw new NotFound('Møtet');
      const document = await loadMeetingDocument(sources, meeting, {
        onlyCase: (_id, status) => status === 'publisert',
      });
      if (!document) throw new NotFound('Møtet');
      return c.body(new Uint8Array(await (await loadPdf()).renderMeetingPdf(document)), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${meetingFileName(document)}.pdf"`,
      });
    });
}
