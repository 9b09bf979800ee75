import type { Section } from '@samraad/schema';
import { format, messages } from '../i18n/messages.js';
import styles from './SectionTools.module.css';

interface ConfirmSectionDeleteProps {
  section: Section;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

const t = messages.sectionTools;

/** Asks before a section and its text leave the case for everyone. */
export function ConfirmSectionDelete({ section, busy, onConfirm, onCancel }: ConfirmSectionDeleteProps) {
  const questionId = `delete-${section.id}-question`;
  return (
    <div className={`${styles.box} ${styles.confirm}`} role="alertdialog" aria-labelledby={questionId}>
      <p id={questionId}>{format(t.confirmDelete, { title: section.title })}</p>
      <div className="form__actions">
        <button type="button" className="button button--small button--danger" disabled={busy} onClick={onConfirm}>
          {t.confirmDeleteButton}
        </button>
        {/* Focus on the harmless choice: pressing Enter at once keeps the section. */}
        <button type="button" className="button button--small" autoFocus onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}
