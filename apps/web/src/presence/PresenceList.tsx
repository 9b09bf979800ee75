import type { Section } from '@samraad/schema';
import { format, messages } from '../i18n/messages.js';
import type { PresentPerson } from './presence.js';

interface PresenceListProps {
  people: readonly PresentPerson[];
  sections: readonly Section[];
}

export function PresenceList({ people, sections }: PresenceListProps) {
  const titleOf = (sectionId: string) => sections.find((section) => section.id === sectionId)?.title;
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="sidebar__heading">
        {messages.presence.title}
      </h2>
      {people.length === 0 ? (
        <p className="presence__empty">{messages.presence.nobody}</p>
      ) : (
        <ul className="presence__list">
          {people.map((person) => {
            const editing = person.editingSectionIds.map(titleOf).find((title) => title !== undefined);
            return (
              <li key={person.key} className="presence__person" data-self={person.isSelf || undefined}>
                <span className="person-dot" style={{ backgroundColor: person.color }} aria-hidden="true" />
                <span className="presence__text">
                  <span className="presence__name">
                    {person.name}
                    {person.isSelf && <span className="presence__you"> ({messages.presence.you})</span>}
                  </span>
                  {editing && (
                    <span className="presence__where">{format(messages.presence.editing, { section: editing })}</span>
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
