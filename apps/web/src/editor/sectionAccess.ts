import { decideSectionWrite, type Actor, type Section } from '@samraad/schema';
import type { SectionAccess } from './useSectionConnections.js';

/** What holds sections fixed, once the page knows it: the consensus locks and the publication's freeze. */
export interface SectionSeals {
  lockedSectionIds: ReadonlySet<string>;
  frozen: boolean;
}

/**
 * The same rule as the editors' read-only state, for what a section's connection may send.
 * Until the seals are known (null), changes are kept but not sent: a lock or the freeze
 * would refuse them.
 */
export function sectionAccess(actor: Actor | null, section: Section, seals: SectionSeals | null): SectionAccess {
  if (!decideSectionWrite(actor, section.owner).allowed) return { mode: 'read', keepsBrowserCopy: false };
  if (!seals) return { mode: 'hold', keepsBrowserCopy: true };
  return {
    mode: seals.frozen || seals.lockedSectionIds.has(section.id) ? 'read' : 'write',
    keepsBrowserCopy: true,
  };
}
