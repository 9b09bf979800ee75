/** One person in the "Til stede" list, however many sections they are connected to. */
export interface PresentPerson {
  key: string;
  name: string;
  color: string;
  isSelf: boolean;
  /** Sections where their caret currently is (they have the editor focused). */
  editingSectionIds: string[];
}

/** The awareness states of one section, as y-protocols keeps them: client id → state. */
export interface SectionAwareness {
  sectionId: string;
  states: ReadonlyMap<number, Record<string, unknown>>;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function readUser(state: Record<string, unknown>): { id: string; name: string; color: string } | null {
  // Awareness comes from other browsers: trust nothing about its shape.
  const user = state['user'];
  if (typeof user !== 'object' || user === null) return null;
  const { id, name, color } = user as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return null;
  if (typeof name !== 'string' || name.trim() === '') return null;
  return { id, name: name.trim(), color: typeof color === 'string' && HEX_COLOUR.test(color) ? color : '#455a64' };
}

/**
 * Unites the sections' awareness into one list of people: a person is counted once, however
 * many sections and tabs they have open, you come first, the rest alphabetically.
 *
 * People are told apart by `user.id`, which the server stamps from the session over whatever
 * a client sends (apps/server/src/protocol/awareness-identity.ts). Anything a client chooses
 * itself could be copied from someone else, to vanish from the list behind them and have
 * one's caret credited to them.
 */
export function collectPresence(sections: readonly SectionAwareness[], ownUserId: string): PresentPerson[] {
  const people = new Map<string, PresentPerson>();
  for (const { sectionId, states } of sections) {
    for (const state of states.values()) {
      const user = readUser(state);
      if (!user) continue;
      const { id, ...shown } = user;
      const person =
        people.get(id) ??
        ({ key: id, ...shown, isSelf: id === ownUserId, editingSectionIds: [] } satisfies PresentPerson);
      if (state['cursor'] != null && !person.editingSectionIds.includes(sectionId)) {
        person.editingSectionIds.push(sectionId);
      }
      people.set(id, person);
    }
  }
  return [...people.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'nb'));
}
