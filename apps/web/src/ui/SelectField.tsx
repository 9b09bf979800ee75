import type { SelectHTMLAttributes } from 'react';
import { FieldFrame } from './FieldFrame.js';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className' | 'children'> {
  label: string;
  options: readonly SelectOption[];
  hint?: string;
  problem?: string | null;
}

/** A labelled choice among fixed options, its hint and problem tied to it for screen readers. */
export function SelectField({ label, options, hint, problem, ...select }: SelectFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} problem={problem}>
      {(control) => (
        <select className="form__input form__input--select" {...control} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
