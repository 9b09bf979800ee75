import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { COMMENT_MAX_LENGTH, type MentionCandidate, type ReplyInput } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { FormProblem } from '../ui/FormProblem.js';
import composer from './composer.module.css';
import { matchPeople, mentionQueryAt } from './mentionQuery.js';
import styles from './MentionSuggestions.module.css';

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
  const listId = useId();
  const text = useRef<HTMLTextAreaElement>(null);
  /**
   * Where the caret goes once a picked name is in the text. Set as the new text renders, before
   * the next key is handled: a frame later, letters typed right after the pick had already
   * gone in at the old place.
   */
  const caretAfterPick = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfterPick.current === null) return;
    text.current?.setSelectionRange(caretAfterPick.current, caretAfterPick.current);
    caretAfterPick.current = null;
  });
  // The "@…" being typed and the suggestion the arrow keys point at.
  const [typing, setTyping] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = typing ? matchPeople(people, typing.query) : [];
  const suggesting = typing !== null && suggestions.length > 0;

  function followCaret(value: string, caret: number) {
    const next = mentionQueryAt(value, caret);
    setTyping(next);
    if (next?.query !== typing?.query) setActive(0);
  }

  /** Replaces the "@…" being typed with the person's name, and mentions them by id. */
  function pick(person: MentionCandidate) {
    if (!typing) return;
    const caret = typing.start + 1 + typing.query.length;
    const inserted = `@${person.name} `;
    const next = `${body.slice(0, typing.start)}${inserted}${body.slice(caret)}`;
    setBody(next);
    setMentioned((current) => (current.includes(person.id) ? current : [...current, person.id]));
    setTyping(null);
    caretAfterPick.current = typing.start + inserted.length;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!suggesting) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pick(suggestions[Math.min(active, suggestions.length - 1)]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setTyping(null);
    }
  }

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
    <form className={composer.composer} onSubmit={submit} noValidate>
      <label className="visually-hidden" htmlFor={textId}>
        {label}
      </label>
      <div className={styles.field}>
        <textarea
          id={textId}
          ref={text}
          className={composer.text}
          placeholder={label}
          rows={3}
          maxLength={COMMENT_MAX_LENGTH}
          value={body}
          autoFocus={autoFocus}
          aria-autocomplete="list"
          aria-controls={suggesting ? listId : undefined}
          aria-activedescendant={suggesting ? `${listId}-${Math.min(active, suggestions.length - 1)}` : undefined}
          onChange={(event) => {
            setBody(event.target.value);
            followCaret(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => followCaret(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTyping(null)}
        />
        {suggesting && (
          <ul id={listId} role="listbox" aria-label={messages.comments.mentionSuggestions} className={styles.list}>
            {suggestions.map((person, index) => (
              <li
                key={person.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === Math.min(active, suggestions.length - 1)}
                className={styles.option}
                // Keeps focus (and the caret) in the text while a click picks.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(person);
                }}
              >
                <span className={styles.name}>{person.name}</span>
                {person.organisationName && <span className={styles.organisation}>{person.organisationName}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={composer.row}>
        <label className="visually-hidden" htmlFor={mentionId}>
          {messages.comments.mention}
        </label>
        <select id={mentionId} className={composer.mention} value="" onChange={(event) => mention(event.target.value)}>
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
