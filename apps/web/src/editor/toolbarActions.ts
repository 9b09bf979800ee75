import type { Editor } from '@tiptap/core';
import { format, messages } from '../i18n/messages.js';

const t = messages.toolbar;

/** One button of the formatting toolbar, described without React so the list reads as a spec. */
export interface ToolbarAction {
  id: string;
  label: string;
  /** As ProseMirror spells it (`Mod-b`); shown in the tooltip and in aria-keyshortcuts. */
  shortcut?: string;
  /** A toggle's state (aria-pressed); undefined for plain commands. */
  isActive?: (editor: Editor) => boolean;
  /** Why it does nothing here (shown as its tooltip), or null when it can run. */
  unavailable: (editor: Editor) => string | null;
  run: (editor: Editor) => void;
  /** Starts a new group: a visual gap, no stop for the keyboard. */
  groupStart?: true;
}

const inList = (editor: Editor) => editor.isActive('listItem');
const inTable = (editor: Editor) => editor.isActive('table');
const always = () => null;

function headingAction(level: 1 | 2 | 3): ToolbarAction {
  return {
    id: `heading-${level}`,
    label: format(t.heading, { level }),
    shortcut: `Mod-Alt-${level}`,
    isActive: (editor) => editor.isActive('heading', { level }),
    unavailable: always,
    run: (editor) => editor.chain().focus().toggleHeading({ level }).run(),
  };
}

function mark(id: 'bold' | 'italic' | 'underline', shortcut: string): ToolbarAction {
  return {
    id,
    label: t[id],
    shortcut,
    isActive: (editor) => editor.isActive(id),
    unavailable: always,
    run: (editor) => editor.chain().focus().toggleMark(id).run(),
  };
}

function tableAction(id: string, label: string, run: (editor: Editor) => void): ToolbarAction {
  return {
    id,
    label,
    unavailable: (editor) => (inTable(editor) ? null : format(t.onlyInTable, { action: label })),
    run,
  };
}

/**
 * The toolbar's buttons in order. The link button is not here: it asks for an address, so
 * the toolbar draws it itself around `setLink`.
 */
export const TOOLBAR_ACTIONS: readonly ToolbarAction[] = [
  {
    id: 'paragraph',
    label: t.paragraph,
    shortcut: 'Mod-Alt-0',
    isActive: (editor) => editor.isActive('paragraph') && !inList(editor) && !inTable(editor),
    unavailable: always,
    run: (editor) => editor.chain().focus().setParagraph().run(),
  },
  headingAction(1),
  headingAction(2),
  headingAction(3),
  { ...mark('bold', 'Mod-b'), groupStart: true },
  mark('italic', 'Mod-i'),
  mark('underline', 'Mod-u'),
  {
    id: 'bulletList',
    label: t.bulletList,
    shortcut: 'Mod-Shift-8',
    isActive: (editor) => editor.isActive('bulletList'),
    unavailable: always,
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
    groupStart: true,
  },
  {
    id: 'orderedList',
    label: t.orderedList,
    shortcut: 'Mod-Shift-7',
    isActive: (editor) => editor.isActive('orderedList'),
    unavailable: always,
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
  },
  {
    id: 'indent',
    label: t.indent,
    shortcut: 'Tab',
    unavailable: (editor) => (inList(editor) ? null : format(t.onlyInList, { action: t.indent })),
    run: (editor) => editor.chain().focus().sinkListItem('listItem').run(),
  },
  {
    id: 'outdent',
    label: t.outdent,
    shortcut: 'Shift-Tab',
    unavailable: (editor) => (inList(editor) ? null : format(t.onlyInList, { action: t.outdent })),
    run: (editor) => editor.chain().focus().liftListItem('listItem').run(),
  },
  {
    id: 'table',
    label: t.table,
    unavailable: always,
    run: (editor) => editor.chain().focus().insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run(),
    groupStart: true,
  },
  tableAction('addRow', t.addRow, (editor) => editor.chain().focus().addRowAfter().run()),
  tableAction('removeRow', t.removeRow, (editor) => editor.chain().focus().deleteRow().run()),
  tableAction('addColumn', t.addColumn, (editor) => editor.chain().focus().addColumnAfter().run()),
  tableAction('removeColumn', t.removeColumn, (editor) => editor.chain().focus().deleteColumn().run()),
  {
    ...tableAction('headerRow', t.headerRow, (editor) => editor.chain().focus().toggleHeaderRow().run()),
    isActive: (editor) => inTable(editor) && firstRowIsHeader(editor),
  },
  {
    id: 'undo',
    label: t.undo,
    shortcut: 'Mod-z',
    // Collaboration's undo: only this person's own changes, never someone else's typing.
    unavailable: (editor) => (editor.can().undo() ? null : format(t.nothingTo, { action: t.undo, verb: t.undoVerb })),
    run: (editor) => editor.chain().focus().undo().run(),
    groupStart: true,
  },
  {
    id: 'redo',
    label: t.redo,
    shortcut: 'Mod-Shift-z',
    unavailable: (editor) => (editor.can().redo() ? null : format(t.nothingTo, { action: t.redo, verb: t.redoVerb })),
    run: (editor) => editor.chain().focus().redo().run(),
  },
];

function firstRowIsHeader(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === 'table') return node.firstChild?.firstChild?.type.name === 'tableHeader';
  }
  return false;
}

/** `Mod-Shift-z` as a person reads it: «Ctrl+Skift+Z». */
export function shortcutLabel(shortcut: string): string {
  const names: Record<string, string> = { Mod: 'Ctrl', Shift: 'Skift', Alt: 'Alt', Tab: 'Tab' };
  return shortcut
    .split('-')
    .map((part) => names[part] ?? part.toUpperCase())
    .join('+');
}

/** `Mod-Shift-z` as aria-keyshortcuts spells it: «Control+Shift+Z». */
export function ariaShortcut(shortcut: string): string {
  const names: Record<string, string> = { Mod: 'Control', Shift: 'Shift', Alt: 'Alt', Tab: 'Tab' };
  return shortcut
    .split('-')
    .map((part) => names[part] ?? part.toUpperCase())
    .join('+');
}
