import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { CommentThread } from '@samraad/schema';
import { resolveAnchor } from './anchoring.js';

interface HighlightState {
  threads: readonly CommentThread[];
  activeThreadId: string | null;
}

const key = new PluginKey<HighlightState>('commentHighlights');

/**
 * Marks the commented words with a background, as decorations: they are drawn over the text
 * without being part of the shared document, so people who may not write a section can still
 * have their comments shown in it.
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
              decorations.push(
                Decoration.inline(range.from, range.to, {
                  class:
                    thread.id === activeThreadId ? 'comment-highlight comment-highlight--active' : 'comment-highlight',
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
