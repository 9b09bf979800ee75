import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { format, messages } from '../i18n/messages.js';
import { TOOLBAR_ACTIONS, ariaShortcut, shortcutLabel, type ToolbarAction } from './toolbarActions.js';
import styles from './Toolbar.module.css';

const t = messages.toolbar;
const LINK_ID = 'link';

interface ToolbarProps {
  editor: Editor;
  /** The section title, for the toolbar's accessible name. */
  title: string;
  /** The editable element's id, which the toolbar controls. */
  controls?: string;
}

interface ButtonState {
  pressed: boolean | undefined;
  /** Why the button does nothing here, or null. */
  unavailable: string | null;
}

/**
 * The formatting toolbar of one editable section. One stop for Tab; the arrow keys, Home and
 * End move between its buttons (a roving tabindex), as in any desktop word processor. Buttons
 * that cannot act here stay focusable and say why in their tooltip.
 */
export function Toolbar({ editor, title, controls }: ToolbarProps) {
  const states = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const byId: Record<string, ButtonState> = {};
      for (const action of TOOLBAR_ACTIONS)
        byId[action.id] = { pressed: action.isActive?.(current), unavailable: action.unavailable(current) };
      byId[LINK_ID] = { pressed: current.isActive('link'), unavailable: null };
      return byId;
    },
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const ids = [...TOOLBAR_ACTIONS.slice(0, 7).map((a) => a.id), LINK_ID, ...TOOLBAR_ACTIONS.slice(7).map((a) => a.id)];
  const [current, setCurrent] = useState(ids[0]!);
  const currentRef = useRef(current);
  currentRef.current = current;
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [linkOpen, setLinkOpen] = useState(false);

  // Alt+F10 goes from the text to the toolbar, as in Word and most web editors: in a table
  // Shift+Tab moves between cells, so it cannot be the way out.
  useEffect(() => {
    const text = editor.view.dom;
    const toToolbar = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'F10' || !event.altKey) return;
      event.preventDefault();
      buttons.current.get(currentRef.current)?.focus();
    };
    text.addEventListener('keydown', toToolbar);
    return () => text.removeEventListener('keydown', toToolbar);
  }, [editor]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = ids.indexOf(current);
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % ids.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + ids.length) % ids.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? ids.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    setCurrent(ids[next]!);
    buttons.current.get(ids[next]!)?.focus();
  };

  const button = (action: Pick<ToolbarAction, 'id' | 'label' | 'shortcut' | 'groupStart'>, onPress: () => void) => {
    const state = states?.[action.id];
    const unavailable = state?.unavailable ?? null;
    const hint =
      unavailable ??
      (action.shortcut
        ? format(t.withShortcut, { action: action.label, shortcut: shortcutLabel(action.shortcut) })
        : action.label);
    return (
      <button
        key={action.id}
        type="button"
        ref={(element) => {
          if (element) buttons.current.set(action.id, element);
          else buttons.current.delete(action.id);
        }}
        className={action.groupStart ? `${styles.button} ${styles.groupStart}` : styles.button}
        data-action={action.id}
        tabIndex={current === action.id ? 0 : -1}
        title={hint}
        aria-pressed={state?.pressed}
        aria-disabled={unavailable ? true : undefined}
        aria-keyshortcuts={action.shortcut ? ariaShortcut(action.shortcut) : undefined}
        onFocus={() => setCurrent(action.id)}
        // Keeps the text selection in the editor while the pointer presses a button.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          if (!unavailable) onPress();
        }}
      >
        {action.label}
      </button>
    );
  };

  return (
    <div className={styles.wrapper}>
      <div
        role="toolbar"
        aria-label={format(t.label, { section: title })}
        aria-keyshortcuts="Alt+F10"
        aria-controls={controls}
        className={styles.toolbar}
        onKeyDown={move}
      >
        {TOOLBAR_ACTIONS.slice(0, 7).map((action) => button(action, () => runAsOneStep(editor, action)))}
        {button({ id: LINK_ID, label: t.link }, () => setLinkOpen((open) => !open))}
        {TOOLBAR_ACTIONS.slice(7).map((action) => button(action, () => runAsOneStep(editor, action)))}
      </div>
      {linkOpen && (
        <LinkForm
          editor={editor}
          onClose={() => {
            setLinkOpen(false);
            buttons.current.get(LINK_ID)?.focus();
          }}
        />
      )}
    </div>
  );
}

/**
 * Runs a toolbar action as its own undo step, as in Word: Yjs joins changes made within half a
 * second into one, so without this «Angre» after «Legg til rad» would also take back the figures
 * typed just before it.
 */
function runAsOneStep(editor: Editor, action: ToolbarAction): void {
  const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: { stopCapturing(): void } } | undefined)
    ?.undoManager;
  undoManager?.stopCapturing();
  // Focus back in the text first, at once: Tiptap's focus() otherwise waits a frame, and a
  // bold chosen by keyboard was lost when the first letters were typed before that frame
  // (focusing then re-read the selection and dropped the stored mark).
  if (!editor.view.hasFocus()) editor.view.focus();
  action.run(editor);
  undoManager?.stopCapturing();
}

/** Asks for the address of a link on the selected text; empty removes the link. */
function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [href, setHref] = useState(() => (editor.getAttributes('link')['href'] as string | undefined) ?? 'https://');
  const apply = () => {
    const address = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (address === '' || address === 'https://') chain.unsetLink().run();
    else chain.setLink({ href: address }).run();
    onClose();
  };
  return (
    <form
      className={styles.linkForm}
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <label>
        {t.linkAddress}
        <input type="url" value={href} autoFocus onChange={(event) => setHref(event.target.value)} />
      </label>
      <button type="submit">{t.linkApply}</button>
      {editor.isActive('link') && (
        <button
          type="button"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onClose();
          }}
        >
          {t.linkRemove}
        </button>
      )}
      <button type="button" onClick={onClose}>
        {t.linkCancel}
      </button>
    </form>
  );
}
