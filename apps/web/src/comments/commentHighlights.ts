import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { CommentThread } from '@samraad/schema';
import { format, messages } from '../i18n/messages.js';
import { resolveAnchor } from './anchoring.js';
import { proposalIsStale, proposalStyles, proposerColourClass } from './proposalStyle.js';

interface HighlightState {
  threads: readonly CommentThread[];
  activeThreadId: string | null;
}

const key = new PluginKey<HighlightState>('commentHighlights');

/** The proposed words, drawn after the words they would replace; never part of the text. */
function proposedWords(thread: CommentThread, stale: boolean): HTMLElement {
  const proposal = thread.proposal!;
  const colour = proposerColourClass(thread);
  const wrapper = document.createElement('span');
  wrapper.dataset['proposalId'] = thread.id;
  wrapper.className = `${colour}${stale ? ` ${proposalStyles.stale}` : ''}`;
  // A hint on hover; the margin's card says the same to everyone, screen readers included.
  wrapper.title = format(messages.proposals.inlineLabel, {
    name: proposal.proposedByName,
    replacement: proposal.replacement,
  });
  const inserted = document.createElement('ins');
  inserted.className = proposalStyles.inserted ?? '';
  inserted.textContent = proposal.replacement;
  const author = document.createElement('span');
  author.className = proposalStyles.author ?? '';
  author.setAttribute('aria-hidden', 'true');
  author.textContent = proposal.proposedByName;
  wrapper.append(inserted, author);
  return wrapper;
}

/**
 * Marks the commented words with a background, and draws open proposals like tracked changes
 * (the words struck, the proposed words underlined after them), as decorations: they are drawn
 * over the text without being part of the shared document, so people who may not write a
 * section can still have their comments and proposals shown in it.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin<HighlightState>({
        key,
        state: {
          init: () => ({ threads: [], activeThreadId: null }),
          apply: (tr, value) => (tr.getMeta(key) as HighlightState | undefined) ?? value,
        },
        props: {
          decorations(state: EditorState) {
            const { threads, activeThreadId } = key.getState(state)!;
            const decorations: Decoration[] = [];
            for (const thread of threads) {
              if (thread.status !== 'open' && thread.id !== activeThreadId) continue;
              const range = resolveAnchor(editor, thread.anchor);
              if (!range || range.to > state.doc.content.size) continue;
              const active = thread.id === activeThreadId;
              if (thread.proposal?.status === 'open') {
                const stale = proposalIsStale(thread, state.doc.textBetween(range.from, range.to, ' '));
                const colour = proposerColourClass(thread);
                decorations.push(
                  Decoration.inline(range.from, range.to, {
                    class: [
                      colour,
                      proposalStyles.deleted,
                      stale ? proposalStyles.stale : '',
                      active ? 'comment-highlight--active' : '',
                    ]
                      .filter(Boolean)
                      .join(' '),
                    'data-thread-id': thread.id,
                  }),
                  Decoration.widget(range.to, () => proposedWords(thread, stale), {
                    // Redrawn only when what it shows changes.
                    key: `proposal-${thread.id}-${stale}`,
                    side: 1,
                    ignoreSelection: true,
                  }),
                );
                continue;
              }
              decorations.push(
                Decoration.inline(range.from, range.to, {
                  class: active ? 'comment-highlight comment-highlight--active' : 'comment-highlight',
                  'data-thread-id': thread.id,
                }),
              );
            }
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});

/** Hands the editor the threads to highlight; cheap, so it is called on every change. */
export function showThreads(editor: Editor, threads: readonly CommentThread[], activeThreadId: string | null): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(key, { threads, activeThreadId }).setMeta('addToHistory', false));
}
