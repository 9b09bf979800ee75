import { useEffect, useId, useRef, type ReactNode } from 'react';
import { messages } from '../i18n/messages.js';
import styles from './ConfirmDialog.module.css';

interface ConfirmDialogProps {
  /** The question, e.g. «Godkjenne innstillingen for Kommunene?». */
  title: string;
  /** What will happen, in plain words, and anything to read before confirming. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** 'danger' for taking something back. */
  tone?: 'primary' | 'danger';
}

/**
 * One confirmation step before an act that binds someone (approve, sign, withdraw, publish).
 * A native modal <dialog>: the rest of the page is inert while it is open, Escape cancels,
 * focus starts on the title so a screen reader reads what will happen before the buttons,
 * and goes back to where it was (the button that opened it) when the dialog closes.
 * Rendered only while open: mount it to ask, unmount it to close.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  tone = 'primary',
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    heading.current?.focus();
    return () => {
      if (element?.open) element.close();
      // The opener may have been replaced meanwhile (the panel re-rendered); then nothing to return to.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape: closed by React (unmounting), not by the browser, so state and DOM agree.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId} ref={heading} tabIndex={-1} className={styles.title}>
        {title}
      </h2>
      <div id={bodyId} className={styles.body}>
        {children}
      </div>
      <div className={styles.actions}>
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {messages.confirm.cancel}
        </button>
        <button
          type="button"
          className={`button ${tone === 'danger' ? 'button--danger' : 'button--primary'}`}
          onClick={onConfirm}
          disabled={busy}
        >
          {busy ? messages.confirm.working : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
