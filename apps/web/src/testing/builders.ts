import type { Case, CaseStatus, Comment, CommentThread, Section } from '@samraad/schema';

/** Test data built per test, so no component test leans on the demo cases' text. */

export const CASE_ID = 'sak-1';

export function aCase(status: CaseStatus, change: Partial<Case> = {}): Case {
  return {
    id: CASE_ID,
    communityId: 'fellesskap',
    number: '07-2026',
    body: 'Partnerskapsmøte',
    title: 'Felles rutine for utskrivning',
    kind: 'beslutningssak',
    status,
    caseOfficers: [],
    documentDate: null,
    meetingDate: null,
    reference: null,
    attachments: [],
    ...change,
  };
}

export function aSection(change: Partial<Section> = {}): Section {
  return {
    id: 'del-1',
    caseId: CASE_ID,
    kind: 'vurdering',
    title: 'Kommunenes vurdering',
    owner: 'kommune',
    position: 0,
    ...change,
  };
}

export function aComment(change: Partial<Comment> & Pick<Comment, 'id' | 'threadId'>): Comment {
  return {
    authorId: 'bruker-observator',
    authorName: 'Olga Strand',
    body: 'En kommentar',
    mentions: [],
    createdAt: '2026-11-01T09:00:00.000Z',
    editedAt: null,
    deleted: false,
    ...change,
  };
}

/** A thread on `quote` in `sectionId`, with one comment per body, all by the thread's author. */
export function aThread(
  quote: string,
  bodies: string[],
  change: Partial<Omit<CommentThread, 'comments'>> = {},
): CommentThread {
  const id = change.id ?? `tråd-${quote}`;
  const createdBy = change.createdBy ?? 'bruker-observator';
  return {
    id,
    caseId: CASE_ID,
    sectionId: 'del-1',
    anchor: { start: 'AA==', end: 'AA==' },
    quote,
    status: 'open',
    createdBy,
    createdAt: '2026-11-01T09:00:00.000Z',
    resolvedBy: null,
    resolvedAt: null,
    proposal: null,
    ...change,
    comments: bodies.map((body, index) => aComment({ id: `${id}-${index}`, threadId: id, body, authorId: createdBy })),
  };
}

/** A proposal to replace `quote` with `replacement`, as a thread of its own (with a reason when given). */
export function aProposal(
  quote: string,
  replacement: string,
  change: Partial<Omit<CommentThread, 'comments'>> & { reason?: string } = {},
): CommentThread {
  const { reason, ...rest } = change;
  return aThread(quote, reason ? [reason] : [], {
    id: `forslag-${quote}`,
    createdBy: 'bruker-nils',
    proposal: {
      replacement,
      proposedByName: 'Nils Berg',
      status: 'open',
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
    },
    ...rest,
  });
}
