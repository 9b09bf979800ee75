import { messages } from '../i18n/messages.js';
import panel from '../ui/panel.module.css';
import styles from './ExportLinks.module.css';

/**
 * Download links for a case paper (GET /api/cases/:caseId/export.pdf and .docx) or a whole
 * meeting (GET /api/meetings/:meetingId/export.pdf and .docx).
 */
export function ExportLinks(props: { caseId: string } | { meetingId: string }) {
  const isCase = 'caseId' in props;
  const base = isCase
    ? `/api/cases/${encodeURIComponent(props.caseId)}/export`
    : `/api/meetings/${encodeURIComponent(props.meetingId)}/export`;
  const title = isCase ? messages.papers.exportTitle : messages.papers.exportMeetingTitle;
  return (
    <section className={panel.panel} aria-labelledby="paper-export-title">
      <h2 id="paper-export-title" className={panel.title}>
        {title}
      </h2>
      <p className={styles.links}>
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
