import { useId, type InputHTMLAttributes } from 'react';

interface FormFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  label: string;
  hint?: string;
  problem?: string | null;
}

/** A labelled input whose hint and problem are tied to it for screen readers. */
export function FormField({ label, hint, problem, ...input }: FormFieldProps) {
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
      <input
        id={inputId}
        className="form__input"
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        {...input}
      />
      {problem && (
        <p className="form__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
