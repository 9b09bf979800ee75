import { messages } from '../i18n/messages.js';
import '../declarations/declarations.css';

/** Download links for the case paper (GET /api/cases/:caseId/export.pdf and .docx). */
export function ExportLinks({ caseId }: { caseId: string }) {
  const base = `/api/cases/${encodeURIComponent(caseId)}/export`;
  return (
    <section className="paper-export" aria-labelledby="paper-export-title">
      <h2 id="paper-export-title" className="paper-export__title">
        {messages.papers.exportTitle}
      </h2>
      <p className="paper-export__links">
        <a href={`${base}.pdf`} download>
          {messages.papers.exportPdf}
        </a>
        <a href={`${base}.docx`} download>
          {messages.papers.exportDocx}
        </a>
      </p>
    </section>
  );
}
