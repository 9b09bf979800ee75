import type { Editor } from '@tiptap/core';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '@samraad/schema';

/** The parts of y-tiptap's sync binding that translate between editor and Yjs positions. */
export interface AnchorBinding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

function bindingOf(editor: Editor): AnchorBinding | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: AnchorBinding | null } | undefined;
  return state?.binding ?? null;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/**
 * Turns an editor range into Yjs relative positions, which stay on the same characters while
 * others type. y-tiptap ties a position to the character before it (assoc -1); that is right
 * for the end (text typed just after the words does not join the comment), while the start
 * is re-tied to the first commented character, so text typed just before stays outside too.
 */
export function anchorFromRange(binding: AnchorBinding, from: number, to: number): CommentAnchor | null {
  if (to <= from) return null;
  const afterFirst = absolutePositionToRelativePosition(from + 1, binding.type, binding.mapping) as Y.RelativePosition;
  const start = new Y.RelativePosition(afterFirst.type, afterFirst.tname, afterFirst.item, 0);
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/**
 * One anchor end as an editor position. y-tiptap's own resolver second-guesses every position
 * in text that lands at the very start of the document (its `isMisresolvedTextPosition`, a
 * guard for its selection after drag-and-drop) and answers null, which showed a comment on the
 * first words of a section as detached. So a position in text is resolved as the start of its
 * text node (from the node's end, a position with no item, which that guard leaves alone)
 * plus the index Yjs gives within it.
 */
function positionOf(binding: AnchorBinding, encoded: string): number | null {
  const relative = Y.decodeRelativePosition(fromBase64(encoded));
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
  if (absolute === null) return null;
  const text = absolute.type;
  if (!(text instanceof Y.XmlText) || text._item === null) {
    return relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
  }
  const endOfText = new Y.RelativePosition(text._item.id, null, null);
  const end = relativePositionToAbsolutePosition(binding.doc, binding.type, endOfText, binding.mapping);
  return end === null ? null : end - text.length + absolute.index;
}

/** Where the anchor is now, or null when its text is gone (a detached thread). */
export function resolveAnchorIn(binding: AnchorBinding, anchor: CommentAnchor): { from: number; to: number } | null {
  try {
    const from = positionOf(binding, anchor.start);
    const to = positionOf(binding, anchor.end);
    if (from === null || to === null) return null;
    return to > from ? { from, to } : null;
  } catch {
    return null;
  }
}

export function anchorFromSelection(editor: Editor, from: number, to: number): CommentAnchor | null {
  const binding = bindingOf(editor);
  return binding ? anchorFromRange(binding, from, to) : null;
}

export function resolveAnchor(editor: Editor, anchor: CommentAnchor): { from: number; to: number } | null {
  const binding = bindingOf(editor);
  return binding ? resolveAnchorIn(binding, anchor) : null;
}
