import { CONSENSUS_SECTION_KIND } from './consensus.js';
import type { CreateSectionInput, Section, UpdateSectionInput } from './section.js';

/** The consensus wording and each side's own assessment lock together when both sides approve. */
export function locksWithConsensus(section: Pick<Section, 'kind' | 'owner'>): boolean {
  return section.kind === CONSENSUS_SECTION_KIND || (section.kind === 'vurdering' && section.owner !== 'shared');
}

export type SectionChange =
  | { type: 'create'; input: Pick<CreateSectionInput, 'kind' | 'owner'> }
  | { type: 'update'; sectionId: string; patch: UpdateSectionInput }
  | { type: 'delete'; sectionId: string }
  /** The case's header (title, dates, reference, attachments …). */
  | { type: 'header' };

export type SectionChangeRefusal =
  /** The section itself is locked: its title, owner and existence are part of what was agreed. */
  | 'section-locked'
  /** The case's consensus is locked; a new wording or assessment would sit outside the agreement. */
  | 'case-locked'
  /** One wording per case is what both sides approve; a second would make "the" wording ambiguous. */
  | 'second-consensus-section'
  /** The case is published and frozen: nothing about it changes until both sides agree to a correction. */
  | 'case-published';

export type SectionChangeDecision = { allowed: true } | { allowed: false; reason: SectionChangeRefusal };

/**
 * Whether the secretariat may make a structural change to a case's sections or its header,
 * given what is locked and whether the case is frozen by its publication. Text changes are
 * decided per update in the rooms; this covers the REST side, so a locked agreement or a
 * published paper cannot be changed by renaming, re-owning, deleting or adding around it.
 */
export function decideSectionChange(
  sections: readonly Section[],
  lockedSectionIds: ReadonlySet<string>,
  change: SectionChange,
  { frozen = false }: { frozen?: boolean } = {},
): SectionChangeDecision {
  const refuse = (reason: SectionChangeRefusal): SectionChangeDecision => ({ allowed: false, reason });
  if (frozen) return refuse('case-published');
  const caseLocked = lockedSectionIds.size > 0;
  switch (change.type) {
    case 'header':
      return { allowed: true };
    case 'create':
      if (change.input.kind === CONSENSUS_SECTION_KIND && sections.some((s) => s.kind === CONSENSUS_SECTION_KIND)) {
        return refuse('second-consensus-section');
      }
      if (caseLocked && locksWithConsensus(change.input)) return refuse('case-locked');
      return { allowed: true };
    case 'update': {
      const section = sections.find((s) => s.id === change.sectionId);
      if (!section) return { allowed: true }; // the caller answers 404
      const { title, owner } = change.patch;
      const renamesOrReowns =
        (title !== undefined && title !== section.title) || (owner !== undefined && owner !== section.owner);
      if (lockedSectionIds.has(section.id)) return renamesOrReowns ? refuse('section-locked') : { allowed: true };
      if (caseLocked && locksWithConsensus({ kind: section.kind, owner: owner ?? section.owner }))
        return refuse('case-locked');
      return { allowed: true };
    }
    case 'delete':
      return lockedSectionIds.has(change.sectionId) ? refuse('section-locked') : { allowed: true };
  }
}
