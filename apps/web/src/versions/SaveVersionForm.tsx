import { useState, type FormEvent } from 'react';
import type { SectionVersion } from '@samraad/schema';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { problemOf } from './problem.js';
import { versionMessages as text } from './versionMessages.js';
import { saveNamedVersion } from './versionsApi.js';
import history from './history.module.css';

interface SaveVersionFormProps {
  caseId: string;
  sectionId: string;
  onSaved: (version: SectionVersion) => void | Promise<void>;
}

/** "Lagre versjon": stores the section as it is now under a name. */
export function SaveVersionForm({ caseId, sectionId, onSaved }: SaveVersionFormProps) {
  const [label, setLabel] = useState('');
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!label.trim()) {
      setMissing(true);
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const version = await saveNamedVersion(caseId, sectionId, label.trim());
      setLabel('');
      await onSaved(version);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <fieldset className={history.fieldset}>
        <legend className={history.legend}>{text.save.legend}</legend>
        <FormField
          label={text.save.name}
          hint={text.save.hint}
          problem={missing ? text.save.empty : null}
          value={label}
          maxLength={200}
          autoComplete="off"
          onChange={(event) => {
            setLabel(event.target.value);
            setMissing(false);
          }}
        />
        <FormProblem problem={problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary button--small" disabled={saving}>
            {saving ? text.save.saving : text.save.submit}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
