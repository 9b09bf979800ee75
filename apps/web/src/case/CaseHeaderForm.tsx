import { type FormEvent } from 'react';
import type { Case } from '@samraad/schema';
import { updateCase } from '../api/client.js';
import { caseHeading, messages } from '../i18n/messages.js';
import { FormProblem } from '../ui/FormProblem.js';
import { CaseFields } from './CaseFields.js';
import { caseFormFrom, checkHeaderChange } from './caseForm.js';
import { useCaseForm } from './useCaseForm.js';
import styles from './CaseHeader.module.css';

interface CaseHeaderFormProps {
  case: Case;
  onSaved: (updated: Case) => void;
  onCancel: () => void;
}

/**
 * The secretariat's edit of the case header, in place of the header. Only changed fields are
 * sent; the status is not here, it moves through the case flow.
 */
export function CaseHeaderForm({ case: theCase, onSaved, onCancel }: CaseHeaderFormProps) {
  const form = useCaseForm(caseFormFrom(theCase));

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit(checkHeaderChange(theCase, form.values), async (patch) => {
      onSaved(patch ? await updateCase(theCase.id, patch) : theCase);
    });
  }

  return (
    <section className={styles.header} aria-labelledby="case-header-form-title">
      <p className={styles.eyebrow}>{caseHeading(theCase.body, theCase.number)}</p>
      <h1 id="case-header-form-title" className={styles.formTitle}>
        {messages.caseForm.editTitle}
      </h1>
      <form className="form" onSubmit={submit} noValidate>
        <CaseFields mode="edit" values={form.values} problems={form.problems} onChange={form.change} />
        <FormProblem problem={form.problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            {messages.caseForm.save}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {messages.caseForm.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
