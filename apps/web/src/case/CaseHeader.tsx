import type { Case } from '@samraad/schema';
import { formatDate, formatList } from '../i18n/format.js';
import { caseHeading, formatPlural, messages } from '../i18n/messages.js';
import { KindBadge, StatusBadge } from './CaseBadges.js';

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
    <header className="case-header">
      {onEdit && (
        <button type="button" className="button button--small case-header__edit" onClick={onEdit}>
          {messages.caseForm.editHeader}
        </button>
      )}
      <p className="case-header__eyebrow">{caseHeading(theCase.body, theCase.number)}</p>
      <h1 className="case-header__title" tabIndex={-1}>
        {theCase.title}
      </h1>
      <dl className="case-header__fields">
        <div className="case-header__field case-header__field--wide">
          <dt>{fields.caseOfficers}</dt>
          <dd>{theCase.caseOfficers.length > 0 ? formatList(theCase.caseOfficers) : messages.common.notSet}</dd>
        </div>
        <div className="case-header__field">
          <dt>{fields.documentDate}</dt>
          <dd>{orNotSet(theCase.documentDate && formatDate(theCase.documentDate))}</dd>
        </div>
        <div className="case-header__field">
          <dt>{fields.meetingDate}</dt>
          <dd>{orNotSet(theCase.meetingDate && formatDate(theCase.meetingDate))}</dd>
        </div>
        <div className="case-header__field">
          <dt>{fields.reference}</dt>
          <dd>{orNotSet(theCase.reference)}</dd>
        </div>
        <div className="case-header__field">
          <dt>{fields.kindAndStatus}</dt>
          <dd className="case-header__badges">
            <KindBadge kind={theCase.kind} />
            <StatusBadge status={theCase.status} />
            {openThreads > 0 && (
              <span className="comment-count">{formatPlural(messages.comments.openCount, openThreads, {})}</span>
            )}
          </dd>
        </div>
        <div className="case-header__field case-header__field--wide">
          <dt>{fields.attachments}</dt>
          <dd>
            {theCase.attachments.length > 0 ? (
              <ol className="case-header__attachments">
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
