import { useState } from 'react';
import {
  decideCommentChange,
  decideThreadStatus,
  type Actor,
  type Comment,
  type CommentThread,
  type MentionCandidate,
  type SectionOwner,
  type SectionSeal,
} from '@samraad/schema';
import { deleteComment, editComment, replyToThread, setThreadStatus } from '../api/client.js';
import { formatDateTime } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { CommentComposer } from './CommentComposer.js';
import { ProposalSummary } from './ProposalSummary.js';
import styles from './thread.module.css';

interface ThreadCardProps {
  thread: CommentThread;
  detached: boolean;
  active: boolean;
  actor: Actor | null;
  userId: string;
  owner: SectionOwner;
  /** What holds the section's text fixed now; a proposal cannot be accepted into sealed text. */
  seal: SectionSeal;
  /** A proposal whose words changed since it was made (known only once the text is shown). */
  stale: boolean;
  people: readonly MentionCandidate[];
  onSelect: () => void;
  onChanged: (thread: CommentThread) => void;
}

/** One thread in the margin: the words it is about, the conversation, and what you may do. */
export function ThreadCard({
  thread,
  detached,
  active,
  actor,
  userId,
  owner,
  seal,
  stale,
  people,
  onSelect,
  onChanged,
}: ThreadCardProps) {
  const mayChangeStatus = decideThreadStatus(actor, userId, thread.createdBy, owner).allowed;
  const resolved = thread.status === 'resolved';
  const [problem, setProblem] = useState<string | null>(null);

  async function act(work: () => Promise<CommentThread>) {
    setProblem(null);
    try {
      onChanged(await work());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <article
      className={[styles.thread, active && styles.active, resolved && styles.resolved].filter(Boolean).join(' ')}
      data-thread-id={thread.id}
      aria-label={format(thread.proposal ? messages.proposals.threadOn : messages.comments.threadOn, {
        quote: thread.quote,
      })}
    >
      <button type="button" className={styles.quote} onClick={onSelect} disabled={detached}>
        {detached && <span className={styles.detached}>{messages.comments.detached} </span>}«{thread.quote}»
      </button>
      {thread.proposal && (
        <ProposalSummary thread={thread} stale={stale} actor={actor} owner={owner} seal={seal} onChanged={onChanged} />
      )}
      <ol className={styles.comments}>
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} userId={userId} people={people} onChanged={onChanged} />
        ))}
      </ol>
      {resolved && thread.resolvedAt && (
        <p className={styles.status}>
          {format(messages.comments.resolvedAt, { when: formatDateTime(thread.resolvedAt) })}
        </p>
      )}
      {!resolved && (
        <CommentComposer
          label={messages.comments.reply}
          submitLabel={messages.comments.send}
          people={people}
          onSubmit={(input) => act(() => replyToThread(thread.id, input))}
        />
      )}
      {mayChangeStatus && (
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => void act(() => setThreadStatus(thread.id, resolved ? 'open' : 'resolved'))}
        >
          {resolved ? messages.comments.reopen : messages.comments.resolve}
        </button>
      )}
      {problem && (
        <p className="form__problem" role="alert">
          {problem}
        </p>
      )}
    </article>
  );
}

function CommentItem({
  comment,
  userId,
  people,
  onChanged,
}: {
  comment: Comment;
  userId: string;
  people: readonly MentionCandidate[];
  onChanged: (thread: CommentThread) => void;
}) {
  const [editing, setEditing] = useState(false);
  const mine = decideCommentChange(userId, comment.authorId).allowed;
  if (comment.deleted) {
    return <li className={styles.deleted}>{messages.comments.deleted}</li>;
  }
  return (
    <li>
      <p className={styles.meta}>
        <span className={styles.author}>{comment.authorName}</span>{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt && <span> {messages.comments.edited}</span>}
      </p>
      {editing ? (
        <CommentComposer
          label={messages.comments.edit}
          submitLabel={messages.comments.save}
          people={people}
          initialBody={comment.body}
          initialMentions={comment.mentions}
          autoFocus
          onSubmit={async (input) => {
            onChanged(await editComment(comment.id, input));
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        // Plain text in a text node: whatever the body holds, it is never markup.
        <p className={styles.body}>{comment.body}</p>
      )}
      {mine && !editing && (
        <p className={styles.actions}>
          <button type="button" className="button button--quiet button--small" onClick={() => setEditing(true)}>
            {messages.comments.edit}
          </button>
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              if (window.confirm(messages.comments.confirmDelete)) void deleteComment(comment.id).then(onChanged);
            }}
          >
            {messages.comments.delete}
          </button>
        </p>
      )}
    </li>
  );
}
