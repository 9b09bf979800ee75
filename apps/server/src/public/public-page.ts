import type { Case, PublicCase, PublicCommunityPage } from '@samraad/schema';
import { loadCaseDocument, type CaseDocumentSources } from '../export/case-document.js';

/** Only published cases ever reach the public page: drafts and cases in progress never do. */
export const isPublished = (found: Case) => found.status === 'publisert';

/**
 * A published case as the public sees it. Built field by field from the paper model, so
 * nothing that is not printed on the paper (status, comments, approvals, user ids, e-mail
 * addresses) can be sent along by accident.
 */
export async function publicCase(sources: CaseDocumentSources, found: Case): Promise<PublicCase> {
  const document = await loadCaseDocument(sources, found);
  const c = document.case;
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
    sections: document.sections.map(({ section, blocks }) => ({ id: section.id, kind: section.kind, title: section.title, blocks })),
    signatories: document.signatories
      ? document.signatories.map((s) => ({ organisationName: s.organisationName, signerTitle: s.signerTitle, userName: s.userName }))
      : null,
  };
}

export async function publicCommunityPage(sources: CaseDocumentSources, communityId: string): Promise<PublicCommunityPage | null> {
  const community = await sources.cases.getCommunity(communityId);
  if (!community) return null;
  const published = (await sources.cases.listCases(communityId)).filter(isPublished);
  const newestFirst = published.sort((a, b) => (b.meetingDate ?? '').localeCompare(a.meetingDate ?? ''));
  const cases: PublicCase[] = [];
  for (const found of newestFirst) cases.push(await publicCase(sources, found));
  return { community: { id: community.id, name: community.name }, cases };
}
