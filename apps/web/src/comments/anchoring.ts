import type { Editor } from '@tiptap/core';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '@samraad/schema';

interface Binding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

function bindingOf(editor: Editor): Binding | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: Binding | null } | undefined;
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
 * Turns a selection into Yjs relative positions, which stay on the same characters while
 * others type. y-tiptap ties a position to the character before it (assoc -1); that is right
 * for the end (text typed just after the words does not join the comment), while the start
 * is re-tied to the first commented character, so text typed just before stays outside too.
 */
export function anchorFromSelection(editor: Editor, from: number, to: number): CommentAnchor | null {
  const binding = bindingOf(editor);
  if (!binding || to <= from) return null;
  const afterFirst = absolutePositionToRelativePosition(from + 1, binding.type, binding.mapping) as Y.RelativePosition;
  const start = new Y.RelativePosition(afterFirst.type, afterFirst.tname, afterFirst.item, 0);
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** Where the anchor is now in the editor, or null when its text is gone (a detached thread). */
export function resolveAnchor(editor: Editor, anchor: CommentAnchor): { from: number; to: number } | null {
  const binding = bindingOf(editor);
  if (!binding) return null;
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(anchor.start)), binding.mapping);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(anchor.end)), binding.mapping);
    if (from === null || to === null) return null;
    return to > from ? { from, to } : null;
  } catch {
    return null;
  }
}
