import { useState } from 'react';
import { ApiRequestError } from '../api/client.js';
import { messages } from '../i18n/messages.js';
import {
  serverFieldProblems,
  type CaseField,
  type CaseFormValues,
  type Checked,
  type FieldProblems,
} from './caseForm.js';

/**
 * The state of a case header form: what is typed, the problem beside each field, the problem
 * with the whole form, and whether it is being sent. A problem goes away as its field changes.
 */
export function useCaseForm(initial: CaseFormValues) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (field: CaseField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
  };

  /** Sends what the schema accepted; shows the schema's, or else the server's, objections. */
  async function submit<T>(checked: Checked<T>, send: (value: T) => Promise<void>): Promise<void> {
    if (!checked.ok) {
      setProblems(checked.problems);
      setProblem(messages.caseForm.invalid);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await send(checked.value);
    } catch (error) {
      const fields = error instanceof ApiRequestError ? serverFieldProblems(error.body) : null;
      if (fields) setProblems(fields);
      setProblem(fields ? messages.caseForm.invalid : error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return { values, change, problems, problem, busy, submit };
}
