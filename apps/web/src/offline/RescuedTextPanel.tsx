import { useId, useRef, useState } from 'react';
import { messages } from '../i18n/messages.js';
import styles from './RescuedTextPanel.module.css';

/**
 * Text the person wrote that the server never got and now will not take (the section was
 * locked or they lost write access meanwhile). Shown until they dismiss it, with a copy
 * button, so they can paste it into a comment instead of losing it.
 */
export function RescuedTextPanel({ text, onDismiss }: { text: string; onDismiss: () => void }) {
  const titleId = useId();
  const fieldId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      // No clipboard access (an older browser, or permission refused): select it for the person.
      field.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className={`notice notice--warning ${styles.rescued}`} role="alert" aria-labelledby={titleId}>
      <p className="notice__title" id={titleId}>
        {messages.offline.rescuedTitle}
      </p>
      <p>{messages.offline.rescuedBody}</p>
      <label htmlFor={fieldId}>{messages.offline.rescuedLabel}</label>
      <textarea
        id={fieldId}
        ref={field}
        className={styles.text}
        readOnly
        value={text}
        rows={Math.min(8, text.split('\n').length + 1)}
      />
      <p className="notice__actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {messages.offline.copy}
        </button>
        <button type="button" className="button button--quiet" onClick={onDismiss}>
          {messages.common.dismiss}
        </button>
        {copied && <span>{copied === 'yes' ? messages.offline.copied : messages.offline.copyFailed}</span>}
      </p>
    </div>
  );
}
