import { useId, type TextareaHTMLAttributes } from 'react';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  label: string;
  hint?: string;
  problem?: string | null;
}

/** A labelled multi-line input (a list, one item per line), its hint and problem tied to it. */
export function TextAreaField({ label, hint, problem, rows = 3, ...textarea }: TextAreaFieldProps) {
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
      <textarea
        id={inputId}
        className="form__input form__input--textarea"
        rows={rows}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        {...textarea}
      />
      {problem && (
        <p className="form__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
