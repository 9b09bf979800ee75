import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { exportFileName, loadCaseDocument, type CaseDocumentSources } from '../export/case-document.js';
import { renderCaseDocx, renderMeetingDocx } from '../export/case-docx.js';
import { renderCasePdf, renderMeetingPdf } from '../export/case-pdf.js';
import { loadMeetingDocument, meetingFileName } from '../export/meeting-document.js';
import type { SqlClient } from '../db/sql-client.js';
import { createSqlMeetingRepository } from '../meetings/meeting-repository.js';
import { actorFor, readableCase } from './access.js';
import { notFound } from './errors.js';

const FORMATS = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderCaseDocx, renderMeeting: renderMeetingDocx },
  pdf: { type: 'application/pdf', render: renderCasePdf, renderMeeting: renderMeetingPdf },
} as const;

/**
 * GET /api/cases/:caseId/export.docx and export.pdf: the case paper, for anyone who may read the case.
 * GET /api/meetings/:meetingId/export.docx and export.pdf: notice, agenda, every case and the minutes.
 */
export function exportRouter(sources: CaseDocumentSources & { sql: SqlClient }) {
  const meetings = createSqlMeetingRepository(sources.sql);
  const router = new Hono<AuthEnv>();
  for (const [extension, format] of Object.entries(FORMATS)) {
    router.get(`/cases/:caseId/export.${extension}`, async (c) => {
      const readable = await readableCase(c, sources.cases, c.req.param('caseId'));
      if (!readable) return notFound(c, 'Saken');
      const file = await format.render(await loadCaseDocument(sources, readable.found));
      return c.body(new Uint8Array(file), 200, {
        'content-type': format.type,
        'content-disposition': `attachment; filename="${exportFileName(readable.found)}.${extension}"`,
        'cache-control': 'no-store',
      });
    });
    router.get(`/meetings/:meetingId/export.${extension}`, async (c) => {
      const meeting = await meetings.getMeeting(c.req.param('meetingId'));
      if (!meeting || !actorFor(c, meeting.communityId)) return notFound(c, 'Møtet');
      const document = await loadMeetingDocument({ ...sources, meetings }, meeting);
      if (!document) return notFound(c, 'Møtet');
      const file = await format.renderMeeting(document);
      return c.body(new Uint8Array(file), 200, {
        'content-type': format.type,
        'content-disposition': `attachment; filename="${meetingFileName(document)}.${extension}"`,
        'cache-control': 'no-store',
      });
    });
  }
  return router;
}
