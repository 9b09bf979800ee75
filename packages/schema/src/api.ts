import type { Case } from './case.js';
import type { Section } from './section.js';

/** GET /api/cases/:caseId answers with the header and the ordered sections. */
export interface CaseDetail {
  case: Case;
  sections: Section[];
}

/**
 * What each client publishes in Yjs awareness under `user` (Tiptap's caret reads it). The
 * server overwrites `id` and `name` from the session; the presence list counts people by `id`.
 */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/** What GET /api/cases/:caseId/events streams (Server-Sent Events, `event:` = type). */
export type CaseEvent =
  | { type: 'thread'; data: import('./comments.js').CommentThread }
  | { type: 'consensus'; data: import('./consensus.js').ConsensusState }
  | { type: 'case'; data: import('./case.js').Case }
  /** The case's sections in paper order, after one was added, renamed, moved or deleted. */
  | { type: 'sections'; data: Section[] }
  /** A version of a section was stored (automatic or named), so open history lists grow live. */
  | { type: 'version'; data: import('./consensus.js').SectionVersion }
  /** The case was published, a correction was asked for or confirmed. */
  | { type: 'publication'; data: import('./publication.js').PublicationState }
  /** A notice for one person, on their own stream (GET /api/me/notifications/events), never a case's. */
  | { type: 'notification'; data: import('./notifications.js').Notification };
