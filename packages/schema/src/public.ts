import type { Case } from './case.js';
import type { Community } from './community.js';
import type { SectionBlock } from './consensus.js';
import type { SectionKind } from './section.js';

/**
 * What the public, no-login page of a community shows: only published cases, with their
 * final text. Nothing else (drafts, comments, approvals, people other than the names printed
 * on the paper) is ever part of these types, so it cannot be sent by mistake.
 */
export interface PublicSection {
  id: string;
  kind: SectionKind;
  title: string;
  blocks: SectionBlock[];
}

export type PublicCaseHeader = Pick<
  Case,
  | 'id'
  | 'number'
  | 'body'
  | 'title'
  | 'kind'
  | 'caseOfficers'
  | 'documentDate'
  | 'meetingDate'
  | 'reference'
  | 'attachments'
>;

export interface PublicSignatory {
  organisationName: string;
  signerTitle: string;
  userName: string;
}

export interface PublicCase extends PublicCaseHeader {
  sections: PublicSection[];
  /** For a declaration: who signed for which partner. */
  signatories: PublicSignatory[] | null;
  /** When the text shown was published. */
  publishedAt: string;
  /** When a corrected version was published ("Rettet <dato>"); null for the first publication. */
  correctedAt: string | null;
}

/**
 * A meeting of Partnerskapsmøtet, which is open to the public (other bodies meet in closed
 * session), with only the published cases of its agenda.
 */
export interface PublicMeeting {
  id: string;
  bodyName: string;
  date: string;
  place: string;
  agenda: Array<{ caseId: string; number: string; title: string; kind: Case['kind'] }>;
}

/** GET /api/public/communities/:communityId. */
export interface PublicCommunityPage {
  community: Pick<Community, 'id' | 'name'>;
  cases: PublicCase[];
  meetings: PublicMeeting[];
}

/**
 * The public page lives outside the login: /offentlig/<communityId>. One parser for the
 * browser (which shows it before the session gate) and the server (which answers 404 for a
 * community that does not exist).
 */
export const publicPath = (communityId: string) => `/offentlig/${encodeURIComponent(communityId)}`;

export function parsePublicRoute(pathname: string): { communityId: string } | null {
  const match = /^\/offentlig\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    const communityId = decodeURIComponent(match[1]!);
    return communityId ? { communityId } : null;
  } catch {
    return null;
  }
}
