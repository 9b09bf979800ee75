import { useId, useState, type FormEvent } from 'react';
import { REPLACEMENT_MAX_LENGTH, COMMENT_MAX_LENGTH } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { FormProblem } from '../ui/FormProblem.js';
import composer from './composer.module.css';
import { proposalStyles as styles } from './proposalStyle.js';
import threadStyles from './thread.module.css';

interface ProposalComposerProps {
  /** The selected words the proposal would replace. */
  quote: string;
  onSubmit: (input: { replacement: string; body?: string }) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Writes a proposal: the words that should stand instead of the selected ones (starting from
 * those words, as one would edit them), and why, if the proposer wants to say.
 */
export function ProposalComposer({ quote, onSubmit, onCancel }: ProposalComposerProps) {
  const [replacement, setReplacement] = useState(quote);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replacementId = useId();
  const reasonId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (replacement === quote) {
      setProblem(messages.proposals.unchanged);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit({ replacement, body: reason.trim() ? reason : undefined });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <p className={threadStyles.quote}>«{quote}»</p>
      <label htmlFor={replacementId}>{messages.proposals.newLabel}</label>
      {/* One line: a proposal replaces words within one paragraph. */}
      <input
        id={replacementId}
        className={`${composer.text} ${styles.field}`}
        value={replacement}
        maxLength={REPLACEMENT_MAX_LENGTH}
        autoFocus
        onChange={(event) => setReplacement(event.target.value)}
      />
      <label htmlFor={reasonId}>{messages.proposals.reasonLabel}</label>
      <textarea
        id={reasonId}
        className={`${composer.text} ${styles.field}`}
        rows={2}
        maxLength={COMMENT_MAX_LENGTH}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className={composer.row}>
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {messages.proposals.send}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {messages.proposals.cancel}
        </button>
      </div>
      <FormProblem problem={problem} />
    </form>
  );
}
