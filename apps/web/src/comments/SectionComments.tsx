import { useEffect, useMemo, useState } from 'react';
import type { Editor } from '@tiptap/core';
import {
  decideProposal,
  type Actor,
  type CommentThread,
  type MentionCandidate,
  type ReplyInput,
  type Section,
  type SectionSeal,
} from '@samraad/schema';
import { createProposal, createThread } from '../api/client.js';
import { format, messages } from '../i18n/messages.js';
import { anchorFromSelection, resolveAnchor } from './anchoring.js';
import { showThreads } from './commentHighlights.js';
import { CommentComposer } from './CommentComposer.js';
import { ProposalComposer } from './ProposalComposer.js';
import { proposalIsStale } from './proposalStyle.js';
import { ThreadCard } from './ThreadCard.js';
import styles from './SectionComments.module.css';
import threadStyles from './thread.module.css';

interface SectionCommentsProps {
  caseId: string;
  section: Section;
  editor: Editor | null;
  threads: readonly CommentThread[];
  actor: Actor | null;
  /** What holds the section's text fixed now (consensus lock, publication), if anything. */
  seal: SectionSeal;
  userId: string;
  people: readonly MentionCandidate[];
  onChanged: (thread: CommentThread) => void;
}

interface Selected {
  from: number;
  to: number;
  quote: string;
  /** Within one paragraph's text: only such words can be proposed replaced. */
  inOneBlock: boolean;
}

/** Tracks the reader's text selection in the editor; works in read-only sections too. */
function useSelection(editor: Editor | null): Selected | null {
  const [selected, setSelected] = useState<Selected | null>(null);
  useEffect(() => {
    if (!editor) return;
    const update = () => {
      const { from, to, empty, $from, $to } = editor.state.selection;
      // Keep the last selection while focus moves to the comment box.
      if (empty) return;
      setSelected({
        from,
        to,
        quote: editor.state.doc.textBetween(from, to, ' '),
        inOneBlock: $from.sameParent($to) && $from.parent.isTextblock,
      });
    };
    editor.on('selectionUpdate', update);
    return () => {
      editor.off('selectionUpdate', update);
    };
  }, [editor]);
  return selected;
}

/**
 * The margin beside a section: its comment threads, placed in the order of the words they
 * are about, and a way to start one on selected text.
 */
export function SectionComments({
  caseId,
  section,
  editor,
  threads,
  actor,
  seal,
  userId,
  people,
  onChanged,
}: SectionCommentsProps) {
  const selected = useSelection(editor);
  const [composing, setComposing] = useState<(Selected & { kind: 'comment' | 'proposal' }) | null>(null);
  const mayPropose = decideProposal(actor).allowed;
  const [showResolved, setShowResolved] = useState(false);
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  // Re-resolve anchors whenever the text changes, so order and "detached" stay true.
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (!editor) return;
    const bump = () => setRevision((count) => count + 1);
    editor.on('update', bump);
    return () => {
      editor.off('update', bump);
    };
  }, [editor]);

  useEffect(() => {
    if (editor) showThreads(editor, threads, activeThreadId);
  }, [editor, threads, activeThreadId]);

  const placed = useMemo(() => {
    void revision;
    return threads
      .map((thread) => {
        const range = editor ? resolveAnchor(editor, thread.anchor) : null;
        // Without the text there is nothing to compare a proposal with yet.
        const words = editor && range ? editor.state.doc.textBetween(range.from, range.to, ' ') : null;
        return { thread, range, stale: editor !== null && proposalIsStale(thread, words) };
      })
      .sort((a, b) => (a.range?.from ?? Number.MAX_SAFE_INTEGER) - (b.range?.from ?? Number.MAX_SAFE_INTEGER));
  }, [threads, editor, revision]);

  const open = placed.filter(({ thread }) => thread.status === 'open');
  const resolved = placed.filter(({ thread }) => thread.status === 'resolved');
  const shown = showResolved ? placed : open;

  function select(threadId: string, range: { from: number; to: number } | null) {
    setActiveThreadId(threadId);
    if (editor && range) editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  }

  async function start(input: ReplyInput) {
    if (!editor || !composing) return;
    const anchor = anchorFromSelection(editor, composing.from, composing.to);
    if (!anchor) throw new Error(messages.comments.noSelection);
    const thread = await createThread(caseId, {
      sectionId: section.id,
      anchor,
      quote: composing.quote.slice(0, 1000),
      ...input,
    });
    onChanged(thread);
    setComposing(null);
    setActiveThreadId(thread.id);
  }

  async function propose(input: { replacement: string; body?: string }) {
    if (!editor || !composing) return;
    const anchor = anchorFromSelection(editor, composing.from, composing.to);
    if (!anchor) throw new Error(messages.proposals.noSelection);
    const thread = await createProposal(caseId, {
      sectionId: section.id,
      anchor,
      quote: composing.quote,
      ...input,
    });
    onChanged(thread);
    setComposing(null);
    setActiveThreadId(thread.id);
  }

  return (
    <aside className={styles.margin} aria-label={format(messages.comments.marginLabel, { section: section.title })}>
      <div className={styles.bar}>
        <button
          type="button"
          className="button button--small"
          disabled={!selected || !editor}
          // Keeps the text selection: the button takes no focus from the editor on press.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => selected && setComposing({ ...selected, kind: 'comment' })}
        >
          {messages.comments.start}
        </button>
        {mayPropose && (
          <button
            type="button"
            className="button button--small"
            disabled={!selected?.inOneBlock || !editor}
            title={selected?.inOneBlock ? undefined : messages.proposals.startHint}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => selected && setComposing({ ...selected, kind: 'proposal' })}
          >
            {messages.proposals.start}
          </button>
        )}
        {resolved.length > 0 && (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setShowResolved((value) => !value)}
          >
            {format(showResolved ? messages.comments.hideResolved : messages.comments.showResolved, {
              count: resolved.length,
            })}
          </button>
        )}
      </div>
      {composing?.kind === 'proposal' && (
        <div className={threadStyles.thread} data-new-thread>
          <ProposalComposer quote={composing.quote} onSubmit={propose} onCancel={() => setComposing(null)} />
        </div>
      )}
      {composing?.kind === 'comment' && (
        <div className={threadStyles.thread} data-new-thread>
          <p className={threadStyles.quote}>«{composing.quote}»</p>
          <CommentComposer
            label={messages.comments.newLabel}
            submitLabel={messages.comments.send}
            people={people}
            autoFocus
            onSubmit={start}
            onCancel={() => setComposing(null)}
          />
        </div>
      )}
      {shown.map(({ thread, range, stale }) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          detached={range === null && editor !== null}
          active={thread.id === activeThreadId}
          actor={actor}
          userId={userId}
          owner={section.owner}
          seal={seal}
          stale={stale}
          people={people}
          onSelect={() => select(thread.id, range)}
          onChanged={onChanged}
        />
      ))}
    </aside>
  );
}
