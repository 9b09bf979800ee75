import type { MentionCandidate } from '@samraad/schema';
import { useId } from 'react';
import { format } from '../i18n/messages.js';
import { meetingMessages as m } from './meetingMessages.js';
import styles from './SummonsPicker.module.css';

/**
 * Whom a meeting summons: one checkbox per person of the community, so it is used by keyboard
 * (Tab, Space) and read by screen readers as a group with its count.
 */
export function SummonsPicker({
  people,
  selected,
  onChange,
  hint,
}: {
  people: readonly MentionCandidate[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  hint?: string;
}) {
  const hintId = useId();
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((chosen) => chosen !== id));
  return (
    <fieldset className={styles.picker} aria-describedby={hint ? hintId : undefined}>
      <legend className={styles.legend}>
        {m.summons.legend} ({format(m.summons.count, { count: selected.length, total: people.length })})
      </legend>
      {hint && (
        <p className="form__hint" id={hintId}>
          {hint}
        </p>
      )}
      <ul className={styles.list}>
        {people.map((person) => (
          <li key={person.id}>
            <label className={styles.person}>
              <input
                type="checkbox"
                checked={selected.includes(person.id)}
                onChange={(e) => toggle(person.id, e.target.checked)}
              />
              <span>{person.name}</span>
              {person.organisationName && <span className={styles.organisation}>{person.organisationName}</span>}
            </label>
          </li>
        ))}
      </ul>
      <div className={styles.actions}>
        <button type="button" className="button" onClick={() => onChange(people.map((p) => p.id))}>
          {m.summons.all}
        </button>
        <button type="button" className="button" onClick={() => onChange([])}>
          {m.summons.none}
        </button>
      </div>
    </fieldset>
  );
}
