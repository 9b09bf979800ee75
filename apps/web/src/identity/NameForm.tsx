import { useId, useState, type FormEvent } from 'react';
import { messages } from '../i18n/messages.js';
import { MAX_NAME_LENGTH, checkDisplayName } from './displayName.js';

interface NameFormProps {
  initialName?: string;
  submitLabel: string;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
}

/** Asks for the display name; the problem is announced and tied to the field for screen readers. */
export function NameForm({ initialName = '', submitLabel, onSubmit, onCancel }: NameFormProps) {
  const [value, setValue] = useState(initialName);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkDisplayName(value);
    if (!check.ok) {
      setProblem(check.problem);
      return;
    }
    setProblem(null);
    onSubmit(check.name);
  }

  return (
    <form className="name-form" onSubmit={handleSubmit} noValidate>
      <label className="name-form__label" htmlFor={inputId}>
        {messages.identity.nameLabel}
      </label>
      <p className="name-form__hint" id={hintId}>
        {messages.identity.nameHint}
      </p>
      <input
        id={inputId}
        className="name-form__input"
        type="text"
        name="name"
        autoComplete="name"
        autoFocus
        maxLength={MAX_NAME_LENGTH + 20}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
        aria-invalid={problem ? true : undefined}
      />
      {problem && (
        <p className="name-form__problem" id={problemId} role="alert">
          {problem}
        </p>
      )}
      <div className="name-form__actions">
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {messages.identity.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
