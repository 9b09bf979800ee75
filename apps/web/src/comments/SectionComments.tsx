import { useEffect, useMemo, useState } from 'react';
import type { Editor } from '@tiptap/core';
import type { Actor, CommentThread, MentionCandidate, ReplyInput, Section } from '@samraad/schema';
import { createThread } from '../api/client.js';
import { format, messages } from '../i18n/messages.js';
import { anchorFromSelection, resolveAnchor } from './anchoring.js';
import { showThreads } from './commentHighlights.js';
import { CommentComposer } from './CommentComposer.js';
import { ThreadCard } from './ThreadCard.js';

interface SectionCommentsProps {
  caseId: string;
  section: Section;
  editor: Editor | null;
  threads: readonly CommentThread[];
  actor: Actor | null;
  userId: string;
  people: readonly MentionCandidate[];
  onChanged: (thread: CommentThread) => void;
}

interface Selected {
  from: number;
  to: number;
  quote: string;
}

/** Tracks the reader's text selection in the editor; works in read-only sections too. */
function useSelection(editor: Editor | null): Selected | null {
  const [selected, setSelected] = useState<Selected | null>(null);
  useEffect(() => {
    if (!editor) return;
    const update = () => {
      const { from, to, empty } = editor.state.selection;
      // Keep the last selection while focus moves to the comment box.
      if (empty) return;
      setSelected({ from, to, quote: editor.state.doc.textBetween(from, to, ' ') });
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
  userId,
  people,
  onChanged,
}: SectionCommentsProps) {
  const selected = useSelection(editor);
  const [composing, setComposing] = useState<Selected | null>(null);
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
      .map((thread) => ({ thread, range: editor ? resolveAnchor(editor, thread.anchor) : null }))
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

  return (
    <aside className="section-comments" aria-label={format(messages.comments.marginLabel, { section: section.title })}>
      <div className="section-comments__bar">
        <button
          type="button"
          className="button button--small"
          disabled={!selected || !editor}
          // Keeps the text selection: the button takes no focus from the editor on press.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setComposing(selected)}
        >
          {messages.comments.start}
        </button>
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
      {composing && (
        <div className="thread thread--new">
          <p className="thread__quote">«{composing.quote}»</p>
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
      {shown.map(({ thread, range }) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          detached={range === null && editor !== null}
          active={thread.id === activeThreadId}
          actor={actor}
          userId={userId}
          owner={section.owner}
          people={people}
          onSelect={() => select(thread.id, range)}
          onChanged={onChanged}
        />
      ))}
    </aside>
  );
}
