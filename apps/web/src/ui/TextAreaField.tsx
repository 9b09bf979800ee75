import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame.js';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  label: string;
  hint?: string;
  problem?: string | null;
}

/** A labelled multi-line input (a list, one item per line), its hint and problem tied to it. */
export function TextAreaField({ label, hint, problem, rows = 3, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} problem={problem}>
      {(control) => <textarea className="form__input form__input--textarea" rows={rows} {...control} {...textarea} />}
    </FieldFrame>
  );
}
