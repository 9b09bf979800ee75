import type { InputHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame.js';

interface FormFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  label: string;
  hint?: string;
  problem?: string | null;
}

/** A labelled input whose hint and problem are tied to it for screen readers. */
export function FormField({ label, hint, problem, ...input }: FormFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} problem={problem}>
      {(control) => <input className="form__input" {...control} {...input} />}
    </FieldFrame>
  );
}
