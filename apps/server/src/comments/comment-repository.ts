import type { CommentAnchor, CommentThread, MentionSummary, ThreadStatus } from '@samraad/schema';

export interface NewThread {
  caseId: string;
  sectionId: string;
  anchor: CommentAnchor;
  quote: string;
  authorId: string;
  body: string;
  mentions: string[];
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
  /** Open threads in which someone mentioned the user. */
  mentionsOf(userId: string): Promise<MentionSummary[]>;
}
