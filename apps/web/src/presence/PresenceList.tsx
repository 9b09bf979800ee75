import type { Section } from '@samraad/schema';
import { format, messages } from '../i18n/messages.js';
import { PersonDot } from '../identity/PersonDot.js';
import type { PresentPerson } from './presence.js';
import styles from './PresenceList.module.css';

interface PresenceListProps {
  people: readonly PresentPerson[];
  sections: readonly Section[];
}

export function PresenceList({ people, sections }: PresenceListProps) {
  const titleOf = (sectionId: string) => sections.find((section) => section.id === sectionId)?.title;
  return (
    <section className={styles.presence} aria-labelledby="presence-title">
      <h2 id="presence-title" className={styles.heading}>
        {messages.presence.title}
      </h2>
      {people.length === 0 ? (
        <p className={styles.empty}>{messages.presence.nobody}</p>
      ) : (
        <ul className={styles.list}>
          {people.map((person) => {
            const editing = person.editingSectionIds.map(titleOf).find((title) => title !== undefined);
            return (
              <li key={person.key} className={styles.person} data-self={person.isSelf || undefined}>
                <PersonDot colour={person.color} className={styles.dot} />
                <span className={styles.text}>
                  <span className={styles.name}>
                    {person.name}
                    {person.isSelf && <span className={styles.you}> ({messages.presence.you})</span>}
                  </span>
                  {editing && (
                    <span className={styles.where}>{format(messages.presence.editing, { section: editing })}</span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
