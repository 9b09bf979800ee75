import { SESSION_FIELD } from './session.js';

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

function readUser(state: Record<string, unknown>): { name: string; color: string } | null {
  // Awareness comes from other browsers: trust nothing about its shape.
  const user = state['user'];
  if (typeof user !== 'object' || user === null) return null;
  const { name, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return null;
  return { name: name.trim(), color: typeof color === 'string' && HEX_COLOUR.test(color) ? color : '#455a64' };
}

/**
 * Unites the sections' awareness into one list of people: a tab is counted once (by its
 * session id, or by client id for clients that do not send one), you come first, the rest
 * alphabetically.
 */
export function collectPresence(sections: readonly SectionAwareness[], ownSession: string): PresentPerson[] {
  const people = new Map<string, PresentPerson>();
  for (const { sectionId, states } of sections) {
    for (const [clientId, state] of states) {
      const user = readUser(state);
      if (!user) continue;
      const session = state[SESSION_FIELD];
      const key = typeof session === 'string' && session !== '' ? `session:${session}` : `client:${clientId}`;
      const person =
        people.get(key) ??
        ({ key, ...user, isSelf: session === ownSession, editingSectionIds: [] } satisfies PresentPerson);
      if (state['cursor'] != null && !person.editingSectionIds.includes(sectionId)) {
        person.editingSectionIds.push(sectionId);
      }
      people.set(key, person);
    }
  }
  return [...people.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'nb'),
  );
}
