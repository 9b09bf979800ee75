import type { PresenceUser, Section } from '@samraad/schema';
import { messages, ownerLabel } from '../i18n/messages.js';
import { SectionEditor } from '../editor/SectionEditor.js';
import type { SectionConnection } from '../editor/sectionConnection.js';

interface CaseSectionProps {
  section: Section;
  hospitalName: string;
  connection: SectionConnection | undefined;
  user: PresenceUser;
}

/** A section of the case paper: its heading, who writes it, and its shared text. */
export function CaseSection({ section, hospitalName, connection, user }: CaseSectionProps) {
  const headingId = `section-${section.id}-title`;
  return (
    <section
      className={`case-section case-section--${section.owner}`}
      data-section-id={section.id}
      aria-labelledby={headingId}
    >
      <header className="case-section__header">
        <h2 id={headingId} className="case-section__title">
          {section.title}
        </h2>
        <span className={`owner-tag owner-tag--${section.owner}`}>{ownerLabel(section.owner, hospitalName)}</span>
      </header>
      {connection ? (
        <SectionEditor connection={connection} title={section.title} user={user} />
      ) : (
        <p className="section-editor__syncing">{messages.editor.syncing}</p>
      )}
    </section>
  );
}
