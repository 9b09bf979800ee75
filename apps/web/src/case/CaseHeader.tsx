import type { Case } from '@samraad/schema';
import { formatDate, formatList } from '../i18n/format.js';
import { caseHeading, formatPlural, messages } from '../i18n/messages.js';
import openCount from '../comments/openCount.module.css';
import { KindBadge, StatusBadge } from './CaseBadges.js';
import styles from './CaseHeader.module.css';

function orNotSet(value: string | null): string {
  return value ?? messages.common.notSet;
}

interface CaseHeaderProps {
  case: Case;
  openThreads: number;
  /** Given to those who manage the case: opens the header for editing. */
  onEdit?: () => void;
}

/** The head of the case paper, laid out the way the printed papers are. */
export function CaseHeader({ case: theCase, openThreads, onEdit }: CaseHeaderProps) {
  const fields = messages.case.fields;
  return (
    <header className={styles.header}>
      {onEdit && (
        <button type="button" className={`button button--small ${styles.edit}`} onClick={onEdit}>
          {messages.caseForm.editHeader}
        </button>
      )}
      <p className={styles.eyebrow}>{caseHeading(theCase.body, theCase.number)}</p>
      <h1 className={styles.title} tabIndex={-1}>
        {theCase.title}
      </h1>
      <dl className={styles.fields}>
        <div className={styles.wide}>
          <dt>{fields.caseOfficers}</dt>
          <dd>{theCase.caseOfficers.length > 0 ? formatList(theCase.caseOfficers) : messages.common.notSet}</dd>
        </div>
        <div>
          <dt>{fields.documentDate}</dt>
          <dd>{orNotSet(theCase.documentDate && formatDate(theCase.documentDate))}</dd>
        </div>
        <div>
          <dt>{fields.meetingDate}</dt>
          <dd>{orNotSet(theCase.meetingDate && formatDate(theCase.meetingDate))}</dd>
        </div>
        <div>
          <dt>{fields.reference}</dt>
          <dd>{orNotSet(theCase.reference)}</dd>
        </div>
        <div>
          <dt>{fields.kindAndStatus}</dt>
          <dd className={styles.badges}>
            <KindBadge kind={theCase.kind} />
            <StatusBadge status={theCase.status} />
            {openThreads > 0 && (
              <span className={openCount.count}>{formatPlural(messages.comments.openCount, openThreads, {})}</span>
            )}
          </dd>
        </div>
        <div className={styles.wide}>
          <dt>{fields.attachments}</dt>
          <dd>
            {theCase.attachments.length > 0 ? (
              <ol className={styles.attachments}>
                {theCase.attachments.map((attachment, index) => (
                  <li key={index}>{attachment.title}</li>
                ))}
              </ol>
            ) : (
              messages.case.noAttachments
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}
