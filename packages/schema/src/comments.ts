import { z } from 'zod';
import { IdSchema } from './community.js';

export const COMMENT_MAX_LENGTH = 4000;
export const QUOTE_MAX_LENGTH = 1000;

/**
 * Plain text only: the UI renders comment bodies as text nodes, never as HTML, so a body can
 * hold any characters without becoming markup. Control characters other than newlines and
 * tabs are refused since they have no business in a comment.
 */
export const CommentBodySchema = z
  .string()
  .trim()
  .min(1, 'kommentaren er tom')
  .max(COMMENT_MAX_LENGTH, `en kommentar kan ha høyst ${COMMENT_MAX_LENGTH} tegn`)
  .refine(
    // Control characters are exactly what this pattern exists to find.
    // eslint-disable-next-line no-control-regex
    (body) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(body),
    'kommentaren inneholder ugyldige tegn',
  );

/**
 * Where a thread sits in a section: Yjs relative positions (base64 of
 * Y.encodeRelativePosition) of its start and end, so the anchor follows concurrent edits.
 */
export const CommentAnchorSchema = z.object({
  start: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9+/=]+$/, 'ugyldig anker'),
  end: z
    .string()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9+/=]+$/, 'ugyldig anker'),
});
export type CommentAnchor = z.infer<typeof CommentAnchorSchema>;

export const ThreadStatusSchema = z.enum(['open', 'resolved']);
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;

export const CommentSchema = z.object({
  id: IdSchema,
  threadId: IdSchema,
  authorId: IdSchema,
  authorName: z.string(),
  body: z.string(),
  mentions: z.array(IdSchema),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
});
export type Comment = z.infer<typeof CommentSchema>;

/**
 * What a proposal ("Foreslå endring") asks for: the anchored words (the thread's quote) replaced
 * by `replacement`. A proposal is a comment thread with this attached, so it is anchored,
 * discussed, streamed and listed exactly like one; only its outcome is its own.
 */
export const ProposalStatusSchema = z.enum(['open', 'accepted', 'rejected']);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

export const REPLACEMENT_MAX_LENGTH = QUOTE_MAX_LENGTH;

/**
 * A proposal replaces words within one paragraph, so its replacement is one line of text: a
 * paragraph's text in the section document never holds a line break, and the server writes the
 * replacement into that paragraph's text as it stands.
 */
export const ReplacementSchema = z
  .string()
  .max(REPLACEMENT_MAX_LENGTH, `et forslag kan ha høyst ${REPLACEMENT_MAX_LENGTH} tegn`)
  .refine(
    // eslint-disable-next-line no-control-regex
    (text) => !/[\u0000-\u001f\u007f]/.test(text),
    'et forslag gjelder tekst innenfor ett avsnitt og kan ikke ha linjeskift eller kontrolltegn',
  );

export const ProposalSchema = z.object({
  replacement: z.string(),
  /** The thread's author, named here since a proposal need not carry a comment of its own. */
  proposedByName: z.string(),
  status: ProposalStatusSchema,
  decidedBy: IdSchema.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const CommentThreadSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  sectionId: IdSchema,
  anchor: CommentAnchorSchema,
  /** The text the thread was started on, shown when that text has since been deleted. */
  quote: z.string(),
  status: ThreadStatusSchema,
  createdBy: IdSchema,
  createdAt: z.string(),
  resolvedBy: IdSchema.nullable(),
  resolvedAt: z.string().nullable(),
  comments: z.array(CommentSchema),
  /** Set when the thread is a proposed replacement of its quote; null for a plain comment. */
  proposal: ProposalSchema.nullable().default(null),
});
export type CommentThread = z.infer<typeof CommentThreadSchema>;

export const CreateThreadInputSchema = z.object({
  sectionId: IdSchema,
  anchor: CommentAnchorSchema,
  quote: z.string().max(QUOTE_MAX_LENGTH, 'markert tekst er for lang for en kommentar'),
  body: CommentBodySchema,
  mentions: z.array(IdSchema).max(20).default([]),
});
export type CreateThreadInput = z.input<typeof CreateThreadInputSchema>;

/**
 * A proposal: the anchored words, what should stand instead, and optionally why. `quote` must
 * be exactly the anchored words (the server checks it against the document), because it is
 * what the replacement is measured against when someone later accepts it.
 */
export const CreateProposalInputSchema = z.object({
  sectionId: IdSchema,
  anchor: CommentAnchorSchema,
  quote: z.string().min(1).max(QUOTE_MAX_LENGTH, 'markert tekst er for lang for et forslag'),
  replacement: ReplacementSchema,
  body: CommentBodySchema.optional(),
  mentions: z.array(IdSchema).max(20).default([]),
});
export type CreateProposalInput = z.input<typeof CreateProposalInputSchema>;

export const DecideProposalInputSchema = z.object({ decision: z.enum(['accepted', 'rejected']) });
export type DecideProposalInput = z.input<typeof DecideProposalInputSchema>;

export const ReplyInputSchema = z.object({
  body: CommentBodySchema,
  mentions: z.array(IdSchema).max(20).default([]),
});
export type ReplyInput = z.input<typeof ReplyInputSchema>;

export const EditCommentInputSchema = ReplyInputSchema;
export type EditCommentInput = z.input<typeof EditCommentInputSchema>;

export const SetThreadStatusInputSchema = z.object({ status: ThreadStatusSchema });

/** A person who can be @-mentioned in a community. */
export interface MentionCandidate {
  id: string;
  name: string;
  organisationName: string | null;
}

/** A thread that mentions the viewer, for the "mine" list on the start page. */
export interface MentionSummary {
  thread: CommentThread;
  caseNumber: string;
  caseTitle: string;
  sectionTitle: string;
}
