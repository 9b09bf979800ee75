import type { CommentAnchor, CommentThread, MentionSummary, ThreadStatus } from '@samraad/schema';

export interface NewThread {
  caseId: string;
  sectionId: string;
  anchor: CommentAnchor;
  quote: string;
  authorId: string;
  /** The opening comment; a proposal may come without one (its replacement says it all). */
  body?: string;
  mentions: string[];
  /** Makes the thread a proposal to replace its quote with this text. */
  proposal?: { replacement: string };
}

/** Comment threads live beside the section documents, so commenting needs no write access. */
export interface CommentRepository {
  listThreads(caseId: string): Promise<CommentThread[]>;
  getThread(threadId: string): Promise<CommentThread | null>;
  createThread(input: NewThread): Promise<CommentThread>;
  addComment(threadId: string, authorId: string, body: string, mentions: string[]): Promise<CommentThread>;
  /** The thread a comment belongs to and the comment's author, for permission checks. */
  findComment(commentId: string): Promise<{ threadId: string; authorId: string; deleted: boolean } | null>;
  editComment(commentId: string, body: string, mentions: string[]): Promise<void>;
  /** Keeps a tombstone ("slettet") so replies still make sense. */
  deleteComment(commentId: string): Promise<void>;
  setStatus(threadId: string, status: ThreadStatus, userId: string): Promise<void>;
  /**
   * Records a proposal's outcome and resolves its thread, in one transaction; false when it was
   * already decided (by someone else a moment earlier), so it is decided once.
   */
  decideProposal(threadId: string, decision: 'accepted' | 'rejected', userId: string): Promise<boolean>;
  /** Undoes `userId`'s acceptance when its change could not be stored after all. */
  releaseAcceptedProposal(threadId: string, userId: string): Promise<void>;
  /** Open threads in which someone mentioned the user. */
  mentionsOf(userId: string): Promise<MentionSummary[]>;
}
