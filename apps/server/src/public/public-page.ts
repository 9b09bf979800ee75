import type { Case, Meeting, PublicCase, PublicCommunityPage, PublicMeeting, Publication } from '@samraad/schema';
import type { MeetingRepository } from '../meetings/meeting-repository.js';
import { loadCaseDocument, type CaseDocument, type CaseDocumentSources } from '../export/case-document.js';

/** Only published cases ever reach the public page: drafts and cases in progress never do. */
export const isPublished = (found: Case) => found.status === 'publisert';

/**
 * A published case's paper as frozen by its newest publication, or null when it has none
 * (then nothing is shown: the public never sees a live document).
 */
export async function publishedDocument(sources: CaseDocumentSources, found: Case): Promise<CaseDocument | null> {
  if (!isPublished(found)) return null;
  const document = await loadCaseDocument(sources, found);
  return document.publication ? document : null;
}

/**
 * A published case as the public sees it. Built field by field from the paper model, so
 * nothing that is not printed on the paper (status, comments, approvals, user ids, e-mail
 * addresses) can be sent along by accident.
 */
export function publicCase(document: CaseDocument & { publication: Publication }): PublicCase {
  const c = document.case;
  const { publication } = document;
  return {
    id: c.id,
    number: c.number,
    body: c.body,
    title: c.title,
    kind: c.kind,
    caseOfficers: c.caseOfficers,
    documentDate: c.documentDate,
    meetingDate: c.meetingDate,
    reference: c.reference,
    attachments: c.attachments.map((a) => ({ title: a.title })),
    sections: document.sections.map(({ section, blocks }) => ({
      id: section.id,
      kind: section.kind,
      title: section.title,
      blocks,
    })),
    signatories: document.signatories
      ? document.signatories.map((s) => ({
          organisationName: s.organisationName,
          signerTitle: s.signerTitle,
          userName: s.userName,
        }))
      : null,
    publishedAt: publication.publishedAt,
    // A publication after the first is a corrected version: the page says so, and when.
    correctedAt: publication.sequence > 1 ? publication.publishedAt : null,
  };
}

/** Partnerskapsmøtet meets in public; other bodies (SSU, the secretariat …) do not. */
export async function isPublicMeeting(meetings: MeetingRepository, meeting: Meeting): Promise<boolean> {
  if (meeting.status === 'avlyst') return false;
  return (await meetings.getBody(meeting.bodyId))?.kind === 'partnerskapsmote';
}

async function publicMeetings(meetings: MeetingRepository, communityId: string): Promise<PublicMeeting[]> {
  const result: PublicMeeting[] = [];
  for (const summary of await meetings.listMeetings(communityId)) {
    if (!(await isPublicMeeting(meetings, summary))) continue;
    const agenda = (await meetings.agenda(summary.id)).filter((item) => item.status === 'publisert');
    result.push({
      id: summary.id,
      bodyName: summary.bodyName,
      date: summary.date,
      place: summary.place,
      agenda: agenda.map((item) => ({ caseId: item.caseId, number: item.number, title: item.title, kind: item.kind })),
    });
  }
  return result.sort((a, b) => b.date.localeCompare(a.date));
}

export async function publicCommunityPage(
  sources: CaseDocumentSources & { meetings: MeetingRepository },
  communityId: string,
): Promise<PublicCommunityPage | null> {
  const community = await sources.cases.getCommunity(communityId);
  if (!community) return null;
  const published = (await sources.cases.listCases(communityId)).filter(isPublished);
  const newestFirst = published.sort((a, b) => (b.meetingDate ?? '').localeCompare(a.meetingDate ?? ''));
  const cases: PublicCase[] = [];
  for (const found of newestFirst) {
    const document = await publishedDocument(sources, found);
    if (document?.publication) cases.push(publicCase({ ...document, publication: document.publication }));
  }
  return {
    community: { id: community.id, name: community.name },
    cases,
    meetings: await publicMeetings(sources.meetings, communityId),
  };
}
