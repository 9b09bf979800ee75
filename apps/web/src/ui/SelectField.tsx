import { useId, type SelectHTMLAttributes } from 'react';

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
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form__field">
      <label className="form__label" htmlFor={inputId}>
        {label}
      </label>
      {hint && (
        <p className="form__hint" id={hintId}>
          {hint}
        </p>
      )}
      <select
        id={inputId}
        className="form__input form__input--select"
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {problem && (
        <p className="form__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
