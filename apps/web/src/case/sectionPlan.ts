import { decideSectionChange, type Section, type SectionChange, type SectionChangeDecision } from '@samraad/schema';

export interface PositionChange {
  sectionId: string;
  position: number;
}

/**
 * The position changes that move the section at `index` one step up (-1) or down (+1): the
 * new order numbered from 0, for the sections whose number changes. Renumbering (rather than
 * swapping two numbers) also mends gaps left by deleted sections and equal numbers.
 */
export function movePlan(sections: readonly Section[], index: number, by: -1 | 1): PositionChange[] {
  const target = index + by;
  if (index < 0 || index >= sections.length || target < 0 || target >= sections.length) return [];
  const order = sections.slice();
  const [moved] = order.splice(index, 1);
  order.splice(target, 0, moved!);
  return order.flatMap((section, position) =>
    section.position === position ? [] : [{ sectionId: section.id, position }],
  );
}

/** What the secretariat may do with one section now; null where there is nothing to do (the top cannot move up). */
export interface SectionActions {
  rename: SectionChangeDecision;
  moveUp: SectionChangeDecision | null;
  moveDown: SectionChangeDecision | null;
  remove: SectionChangeDecision;
}

const ALLOWED: SectionChangeDecision = { allowed: true };

/** Asks the shared rule (decideSectionChange), the one the server answers 409 by, about each action. */
export function sectionActions(
  sections: readonly Section[],
  locked: ReadonlySet<string>,
  section: Section,
): SectionActions {
  const ask = (change: SectionChange) => decideSectionChange(sections, locked, change);
  const index = sections.findIndex((candidate) => candidate.id === section.id);
  const move = (by: -1 | 1): SectionChangeDecision | null => {
    const plan = movePlan(sections, index, by);
    if (plan.length === 0) return null;
    // A move is several position changes; it is refused if any of them is.
    return (
      plan
        .map(({ sectionId, position }) => ask({ type: 'update', sectionId, patch: { position } }))
        .find((d) => !d.allowed) ?? ALLOWED
    );
  };
  return {
    // Any title other than the current one: the rule asks only whether the title changes.
    rename: ask({ type: 'update', sectionId: section.id, patch: { title: `${section.title} ` } }),
    moveUp: move(-1),
    moveDown: move(1),
    remove: ask({ type: 'delete', sectionId: section.id }),
  };
}
