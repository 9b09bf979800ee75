import { useState, type FormEvent } from 'react';
import {
  CreateSectionInputSchema,
  SIDES,
  SectionKindSchema,
  decideSectionChange,
  type Section,
  type SectionKind,
  type SectionOwner,
} from '@samraad/schema';
import { format, messages, ownerChoiceLabel, sectionChangeRefusal, sectionKindLabel } from '../i18n/messages.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { SelectField } from '../ui/SelectField.js';
import { createSection } from './sectionsApi.js';
import styles from './AddSectionForm.module.css';
import tools from './SectionTools.module.css';

interface AddSectionFormProps {
  caseId: string;
  sections: readonly Section[];
  locked: ReadonlySet<string>;
  hospitalName: string;
  onAdded: () => Promise<void>;
  announce: (message: string) => void;
}

const t = messages.sectionTools;
const KIND_OPTIONS = SectionKindSchema.options.map((kind) => ({ value: kind, label: sectionKindLabel(kind) }));
// Shared text first: most added sections are background or presentation both sides write.
const OWNERS: readonly SectionOwner[] = ['shared', ...SIDES];
/** A kind's name is a fair title to start from; "Annet" is not. */
const startingTitle = (kind: SectionKind) => (kind === 'annet' ? '' : sectionKindLabel(kind));

/**
 * The secretariat adds a section at the end of the paper. The title follows the chosen kind's
 * name until something else is typed. Whether the kind and owner may be added now is the shared rule's
 * answer (one consensus wording per case, no new assessment after the lock).
 */
export function AddSectionForm({ caseId, sections, locked, hospitalName, onAdded, announce }: AddSectionFormProps) {
  const [kind, setKind] = useState<SectionKind>('annet');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<SectionOwner>('shared');
  const [titleProblem, setTitleProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decision = decideSectionChange(sections, locked, { type: 'create', input: { kind, owner } });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = CreateSectionInputSchema.safeParse({ kind, owner, title: title.trim() });
    if (!checked.success) {
      setTitleProblem(t.titleProblem);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await createSection(caseId, checked.data);
      await onAdded();
      announce(format(t.added, { title: checked.data.title }));
      setTitle(startingTitle(kind));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.addSection} aria-labelledby="add-section-title">
      <h2 id="add-section-title" className={styles.title}>
        {t.addTitle}
      </h2>
      <form className={`form ${styles.form}`} onSubmit={submit} noValidate>
        <SelectField
          label={t.kind}
          options={KIND_OPTIONS}
          value={kind}
          onChange={(event) => {
            const next = event.target.value as SectionKind;
            if (title.trim() === '' || title === startingTitle(kind)) setTitle(startingTitle(next));
            setKind(next);
          }}
        />
        <FormField
          label={t.title}
          value={title}
          problem={titleProblem}
          onChange={(event) => {
            setTitle(event.target.value);
            setTitleProblem(null);
          }}
        />
        <SelectField
          label={t.owner}
          options={OWNERS.map((choice) => ({ value: choice, label: ownerChoiceLabel(choice, hospitalName) }))}
          value={owner}
          onChange={(event) => setOwner(event.target.value as SectionOwner)}
        />
        {!decision.allowed && <p className={tools.reason}>{sectionChangeRefusal(decision.reason)}</p>}
        <FormProblem problem={problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || !decision.allowed}>
            {t.add}
          </button>
        </div>
      </form>
    </section>
  );
}
