import { type FormEvent } from 'react';
import { defaultSectionsFor, hospitalNameOf, type Body, type CommunityWithOrganisations } from '@samraad/schema';
import { createCase } from '../api/client.js';
import { formatList } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { navigate, paths } from '../routing.js';
import { FormProblem } from '../ui/FormProblem.js';
import { CaseFields } from './CaseFields.js';
import { checkNewCase, emptyCaseForm } from './caseForm.js';
import { useCaseForm } from './useCaseForm.js';
import box from './caseFormBox.module.css';

interface NewCaseFormProps {
  community: CommunityWithOrganisations;
  bodies: readonly Body[];
  onCancel: () => void;
}

/** The secretariat opens a new case; Samråd numbers it and gives it the kind's standard sections. */
export function NewCaseForm({ community, bodies, onCancel }: NewCaseFormProps) {
  // Most cases go to Partnerskapsmøtet; the first body otherwise.
  const firstBody = (bodies.find((body) => body.kind === 'partnerskapsmote') ?? bodies[0])?.caseBody ?? '';
  const form = useCaseForm(emptyCaseForm(firstBody));
  const standard = defaultSectionsFor(form.values.kind, hospitalNameOf(community)).map((section) => section.title);

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit(checkNewCase(form.values), async (input) => {
      const created = await createCase(community.id, input);
      navigate(paths.case(created.id));
    });
  }

  return (
    <section className={box.box} aria-labelledby="new-case-title">
      <h2 id="new-case-title">{messages.caseForm.createTitle}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <CaseFields
          mode="new"
          values={form.values}
          problems={form.problems}
          onChange={form.change}
          bodies={bodies.map((body) => ({ value: body.caseBody, label: body.name }))}
        />
        <p className="form__hint">{format(messages.caseForm.standardSections, { sections: formatList(standard) })}</p>
        <FormProblem problem={form.problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.busy}>
            {messages.caseForm.create}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {messages.caseForm.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
