import { useEffect, useId } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { SECTION_FRAGMENT, type PresenceUser } from '@samraad/schema';
import { CommentHighlights } from '../comments/commentHighlights.js';
import { messages } from '../i18n/messages.js';
import type { SectionConnection } from './sectionConnection.js';
import { PasteFromWord } from './pasteFromWord.js';
import { renderCaret } from './renderCaret.js';
import { sectionContentExtensions } from './sectionExtensions.js';
import content from './SectionContent.module.css';
import styles from './SectionEditor.module.css';
import { Toolbar } from './Toolbar.js';
import { useSynced } from './useSynced.js';
// Global on purpose: the classes ProseMirror, Tiptap and the editor's plugins set at run time.
import './editorRuntime.css';

interface SectionEditorProps {
  connection: SectionConnection;
  /** The section title, which doubles as the editor's accessible name. */
  title: string;
  user: PresenceUser;
  /** False shows the text read-only; the server refuses writes regardless. */
  editable: boolean;
  /** The editor once it exists (and null when it goes), for comments to anchor into. */
  onEditor?: (editor: Editor | null) => void;
}

/** One section's text, edited together with everyone else who has the case open. */
export function SectionEditor({ connection, title, user, editable, onEditor }: SectionEditorProps) {
  const { doc, provider } = connection;
  const synced = useSynced(provider);
  const contentId = useId();

  const editor = useEditor(
    {
      editable,
      // Tiptap would add its base CSS as a <style> element, which the server's
      // Content-Security-Policy (style-src 'self') refuses; the same rules are in editorRuntime.css.
      injectCSS: false,
      extensions: [
        ...sectionContentExtensions(),
        Collaboration.configure({ document: doc, field: SECTION_FRAGMENT }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
        CommentHighlights,
        PasteFromWord,
      ],
      editorProps: {
        attributes: {
          // Tiptap adds role=textbox only when creating the view; @tiptap/react's later setOptions
          // re-applies these attributes without it, so it is restated here.
          role: 'textbox',
          id: contentId,
          'aria-label': title,
          'aria-multiline': 'true',
          'aria-readonly': String(!editable),
          class: styles.text ?? '',
          spellcheck: 'true',
          lang: 'nb',
        },
      },
    },
    [doc, provider, title, editable, contentId],
  );

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  return (
    <div className={`${styles.editor} ${content.content}`} aria-busy={!synced}>
      {/* Read-only sections show no toolbar; the reason they are read-only stands above the text. */}
      {editable && editor && <Toolbar editor={editor} title={title} controls={contentId} />}
      {!synced && (
        <p className={styles.syncing} aria-hidden="true">
          {messages.editor.syncing}
        </p>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
