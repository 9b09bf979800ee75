import { decideSectionWrite, type Actor, type ActivityEntry, type PresenceUser, type Section } from '@samraad/schema';
import { formatDateTime } from '../i18n/format.js';
import { format, messages, ownerLabel, readOnlyReason } from '../i18n/messages.js';
import { SectionEditor } from '../editor/SectionEditor.js';
import type { SectionConnection, ServerClose } from '../editor/sectionConnection.js';
import { SectionNoticeBanner } from './SectionNoticeBanner.js';

interface CaseSectionProps {
  section: Section;
  hospitalName: string;
  connection: SectionConnection | undefined;
  user: PresenceUser;
  /** Who the viewer is in this case's community; the same rule the server enforces. */
  actor: Actor | null;
  lastWrite: ActivityEntry | undefined;
  notice: ServerClose | undefined;
  onDismissNotice: () => void;
}

/** A section of the case paper: its heading, who writes it, and its shared text. */
export function CaseSection({ section, hospitalName, connection, user, actor, lastWrite, notice, onDismissNotice }: CaseSectionProps) {
  const headingId = `section-${section.id}-title`;
  const write = decideSectionWrite(actor, section.owner);
  return (
    <section
      className={`case-section case-section--${section.owner}`}
      data-section-id={section.id}
      data-writable={write.allowed}
      aria-labelledby={headingId}
    >
      <header className="case-section__header">
        <h2 id={headingId} className="case-section__title">
          {section.title}
        </h2>
        <span className={`owner-tag owner-tag--${section.owner}`}>{ownerLabel(section.owner, hospitalName)}</span>
      </header>
      {!write.allowed && (
        <p className="section-editor__readonly">{readOnlyReason(write.reason, section.owner, hospitalName)}</p>
      )}
      {notice && <SectionNoticeBanner close={notice} onDismiss={onDismissNotice} />}
      {connection ? (
        <SectionEditor connection={connection} title={section.title} user={user} editable={write.allowed} />
      ) : (
        <p className="section-editor__syncing">{messages.editor.syncing}</p>
      )}
      <p className="section-activity">
        {lastWrite
          ? format(messages.activity.lastWrite, { name: lastWrite.userName, when: formatDateTime(lastWrite.at) })
          : messages.activity.none}
      </p>
    </section>
  );
}
