import { CaseKindSchema } from '@samraad/schema';
import { kindLabel, messages } from '../i18n/messages.js';
import { FormField } from '../ui/FormField.js';
import { SelectField, type SelectOption } from '../ui/SelectField.js';
import { TextAreaField } from '../ui/TextAreaField.js';
import type { CaseField, CaseFormValues, FieldProblems } from './caseForm.js';

interface CaseFieldsProps {
  values: CaseFormValues;
  problems: FieldProblems;
  onChange: (field: CaseField, value: string) => void;
  /**
   * 'new': the body is chosen and the number may be given; both are left to the server when
   * empty. 'edit': the number and body stay as they are, an empty reference means none.
   */
  mode: 'new' | 'edit';
  /** The community's bodies (as their cases print them), for a new case. */
  bodies?: readonly SelectOption[];
}

const KIND_OPTIONS: SelectOption[] = CaseKindSchema.options.map((kind) => ({ value: kind, label: kindLabel(kind) }));

/** The fields of a case's header, the way the papers print it, for creating or editing it. */
export function CaseFields({ values, problems, onChange, mode, bodies = [] }: CaseFieldsProps) {
  const fields = messages.caseForm.fields;
  const hints = messages.caseForm.hints;
  const text = (field: CaseField) => ({
    value: values[field],
    problem: problems[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  return (
    <>
      {/* The form replaces the button that opened it: focus goes where the typing starts. */}
      <FormField label={fields.title} required autoFocus {...text('title')} />
      <SelectField label={fields.kind} options={KIND_OPTIONS} {...text('kind')} />
      {mode === 'new' &&
        (bodies.length > 0 ? (
          <SelectField label={fields.body} options={bodies} {...text('body')} />
        ) : (
          <FormField label={fields.body} required {...text('body')} />
        ))}
      <TextAreaField label={fields.caseOfficers} hint={hints.caseOfficers} {...text('caseOfficers')} />
      <FormField label={fields.documentDate} type="date" {...text('documentDate')} />
      <FormField label={fields.meetingDate} type="date" hint={hints.meetingDate} {...text('meetingDate')} />
      {mode === 'new' && <FormField label={fields.number} hint={hints.newNumber} {...text('number')} />}
      <FormField
        label={fields.reference}
        hint={mode === 'new' ? hints.newReference : hints.editReference}
        {...text('reference')}
      />
      <TextAreaField label={fields.attachments} hint={hints.attachments} {...text('attachments')} />
    </>
  );
}
