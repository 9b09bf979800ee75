import { mergeAttributes, type AnyExtension } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * A table as the case papers have them (figures per municipality). Drawn without the inline
 * width style Tiptap puts on it, which the server's Content-Security-Policy (style-src 'self')
 * refuses; column widths come from SectionContent.module.css. Not resizable: a dragged width would be one
 * more thing the other side's editor writes back.
 */
const SectionTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    return ['table', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ['tbody', 0]];
  },
}).configure({ resizable: false });

/**
 * The extensions that define what a section document may hold. Their schema must equal the
 * shared shape in `@samraad/schema` (section-document.ts), which the server enforces on every
 * update; sectionExtensions.test.ts keeps the two equal.
 *
 * Nothing here may change a document by itself: opening a section must write nothing, or a
 * reader's editor would send an update the server refuses, and a writer would be credited
 * with an edit they never made. StarterKit's TrailingNode did exactly that (an empty
 * paragraph after a closing list, on load), so it is off; an empty line after a list is
 * still one Enter away.
 */
export function sectionContentExtensions(): AnyExtension[] {
  // Yjs keeps its own per-user history; ProseMirror's would undo other people's typing.
  return [
    StarterKit.configure({ undoRedo: false, trailingNode: false }),
    SectionTable,
    TableRow,
    TableHeader,
    TableCell,
  ];
}
