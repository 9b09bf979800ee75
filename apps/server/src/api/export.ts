import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import {
  exportFileName,
  loadCaseDocument,
  type CaseDocument,
  type CaseDocumentSources,
} from '../export/case-document.js';
import { loadMeetingDocument, meetingFileName, type MeetingDocument } from '../export/meeting-document.js';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import { actorFor, readableCase } from './access.js';
import { NotFound } from '../errors/domain-errors.js';

interface Renderers {
  render(document: CaseDocument): Promise<Buffer>;
  renderMeeting(document: MeetingDocument): Promise<Buffer>;
}

/*
 * The PDF and DOCX libraries are loaded on the first export, not at start: together they are
 * about a third of an idle server's memory, and most instances export rarely.
 */
const FORMATS: Record<'docx' | 'pdf', { type: string; renderers: () => Promise<Renderers> }> = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    renderers: async () => {
      const { renderCaseDocx, renderMeetingDocx } = await import('../export/case-docx.js');
      return { render: renderCaseDocx, renderMeeting: renderMeetingDocx };
    },
  },
  pdf: {
    type: 'application/pdf',
    renderers: async () => {
      const { renderCasePdf, renderMeetingPdf } = await import('../export/case-pdf.js');
      return { render: renderCasePdf, renderMeeting: renderMeetingPdf };
    },
  },
};

/**
 * GET /api/cases/:caseId/export.docx and export.pdf: the case paper, for anyone who may read the case.
 * GET /api/meetings/:meetingId/export.docx and export.pdf: notice, agenda, every case and the minutes.
 */
export function exportRouter(sources: CaseDocumentSources & { meetings: MeetingRepository }) {
  const { meetings } = sources;
  const router = new Hono<AuthEnv>();
  for (const [extension, format] of Object.entries(FORMATS)) {
    router.get(`/cases/:caseId/export.${extension}`, async (c) => {
      const readable = await readableCase(c, sources.cases, c.req.param('caseId'));
      if (!readable) throw new NotFound('Saken');
      const file = await (await format.renderers()).render(await loadCaseDocument(sources, readable.found));
      return c.body(new Uint8Array(file), 200, {
        'content-type': format.type,
        'content-disposition': `attachment; filename="${exportFileName(readable.found)}.${extension}"`,
        'cache-control': 'no-store',
      });
    });
    router.get(`/meetings/:meetingId/export.${extension}`, async (c) => {
      const meeting = await meetings.getMeeting(c.req.param('meetingId'));
      if (!meeting || !actorFor(c, meeting.communityId)) throw new NotFound('Møtet');
      const document = await loadMeetingDocument({ ...sources, meetings }, meeting);
      if (!document) throw new NotFound('Møtet');
      const file = await (await format.renderers()).renderMeeting(document);
      return c.body(new Uint8Array(file), 200, {
        'content-type': format.type,
        'content-disposition': `attachment; filename="${meetingFileName(document)}.${extension}"`,
        'cache-control': 'no-store',
      });
    });
  }
  return router;
}
