import { useId, useState, type FormEvent } from 'react';
import { COMMENT_MAX_LENGTH, type MentionCandidate, type ReplyInput } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { FormProblem } from '../ui/FormProblem.js';

interface CommentComposerProps {
  label: string;
  submitLabel: string;
  people: readonly MentionCandidate[];
  initialBody?: string;
  initialMentions?: readonly string[];
  onSubmit: (input: ReplyInput) => Promise<unknown>;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** The mentions still written out in the body: removing "@Name" from the text un-mentions them. */
export function mentionsIn(body: string, ids: readonly string[], people: readonly MentionCandidate[]): string[] {
  return ids.filter((id) => {
    const person = people.find((candidate) => candidate.id === id);
    return person !== undefined && body.includes(`@${person.name}`);
  });
}

/** Writes a comment or reply; "@" people are picked from the community, never typed blind. */
export function CommentComposer({
  label,
  submitLabel,
  people,
  initialBody = '',
  initialMentions = [],
  onSubmit,
  onCancel,
  autoFocus = false,
}: CommentComposerProps) {
  const [body, setBody] = useState(initialBody);
  const [mentioned, setMentioned] = useState<string[]>([...initialMentions]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const mentionId = useId();

  function mention(personId: string) {
    const person = people.find((candidate) => candidate.id === personId);
    if (!person) return;
    setBody((current) => `${current}${current && !current.endsWith(' ') ? ' ' : ''}@${person.name} `);
    setMentioned((current) => (current.includes(person.id) ? current : [...current, person.id]));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setProblem(messages.comments.empty);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit({ body, mentions: mentionsIn(body, mentioned, people) });
      setBody('');
      setMentioned([]);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="comment-composer" onSubmit={submit} noValidate>
      <label className="visually-hidden" htmlFor={textId}>
        {label}
      </label>
      <textarea
        id={textId}
        className="comment-composer__text"
        placeholder={label}
        rows={3}
        maxLength={COMMENT_MAX_LENGTH}
        value={body}
        autoFocus={autoFocus}
        onChange={(event) => setBody(event.target.value)}
      />
      <div className="comment-composer__row">
        <label className="visually-hidden" htmlFor={mentionId}>
          {messages.comments.mention}
        </label>
        <select
          id={mentionId}
          className="comment-composer__mention"
          value=""
          onChange={(event) => mention(event.target.value)}
        >
          <option value="">{messages.comments.mention}</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
              {person.organisationName ? ` (${person.organisationName})` : ''}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--small" onClick={onCancel}>
            {messages.comments.cancel}
          </button>
        )}
      </div>
      <FormProblem problem={problem} />
    </form>
  );
}
