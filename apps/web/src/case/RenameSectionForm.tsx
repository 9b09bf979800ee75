import { useState, type FormEvent } from 'react';
import { SectionSchema, type Section } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { FormField } from '../ui/FormField.js';
import styles from './SectionTools.module.css';

interface RenameSectionFormProps {
  section: Section;
  busy: boolean;
  onRename: (title: string) => void;
  onCancel: () => void;
}

const t = messages.sectionTools;

/** A new title for one section, checked by the section schema before it is sent. */
export function RenameSectionForm({ section, busy, onRename, onCancel }: RenameSectionFormProps) {
  const [title, setTitle] = useState(section.title);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = SectionSchema.shape.title.safeParse(title.trim());
    if (!checked.success) {
      setProblem(t.titleProblem);
      return;
    }
    if (checked.data === section.title) onCancel();
    else onRename(checked.data);
  }

  return (
    <form className={`form ${styles.box}`} onSubmit={submit} noValidate>
      {/* Opened from the "Gi nytt navn" button, which it replaces. */}
      <FormField
        label={t.newTitle}
        value={title}
        problem={problem}
        autoFocus
        onChange={(event) => setTitle(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          {t.saveTitle}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
