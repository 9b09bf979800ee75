import type { Case } from './case.js';
import type { MeetingSummary } from './meetings.js';

/** GET /api/me/overview: what the start page shows a person beyond their mentions. */
export interface StartOverview {
  /** Cases in the decision round whose consensus wording the person's side has not approved. */
  awaitingMyApproval: Case[];
  /** Cases the person has recently written or commented in, newest first. */
  recentlyMine: Case[];
  /** Planned meetings from today on, in the person's communities, soonest first. */
  nextMeetings: MeetingSummary[];
}
