import { useId, type ReactNode } from 'react';

/** What a control inside the frame needs to be tied to its label, hint and problem. */
export interface FieldControl {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface FieldFrameProps {
  label: string;
  hint?: string;
  problem?: string | null;
  children: (control: FieldControl) => ReactNode;
}

/**
 * The label, hint and problem around one form control, linked to it by ids so a screen
 * reader announces all three with the control. Each kind of field renders its own control.
 */
export function FieldFrame({ label, hint, problem, children }: FieldFrameProps) {
  const controlId = useId();
  const hintId = useId();
  const problemId = useId();
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="form__field">
      <label className="form__label" htmlFor={controlId}>
        {label}
      </label>
      {hint && (
        <p className="form__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id: controlId, 'aria-describedby': describedBy, 'aria-invalid': problem ? true : undefined })}
      {problem && (
        <p className="form__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
