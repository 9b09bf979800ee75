import { Hono } from 'hono';
import type { AuthEnv } from '../auth/viewer.js';
import { exportFileName, loadCaseDocument, type CaseDocumentSources } from '../export/case-document.js';
import { renderCaseDocx } from '../export/case-docx.js';
import { renderCasePdf } from '../export/case-pdf.js';
import { readableCase } from './access.js';
import { notFound } from './errors.js';

const FORMATS = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderCaseDocx },
  pdf: { type: 'application/pdf', render: renderCasePdf },
} as const;

/** GET /api/cases/:caseId/export.docx and export.pdf: the case paper, for anyone who may read the case. */
export function exportRouter(sources: CaseDocumentSources) {
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
  }
  return router;
}
