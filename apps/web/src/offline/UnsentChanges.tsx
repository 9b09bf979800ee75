import { useEffect, useState } from 'react';
import { format, messages } from '../i18n/messages.js';
import styles from './UnsentChanges.module.css';

/**
 * Online, every keystroke is unconfirmed for the moment it takes the server to answer; saying
 * so each time would flicker and chatter at screen readers. Only a count that lasts this long
 * is shown.
 */
const SHOW_AFTER_MS = 1_000;

/** How many of the person's changes have not reached the server yet, once that lasts. */
export function UnsentChanges({ count }: { count: number }) {
  const [shown, setShown] = useState(false);
  const pending = count > 0;
  useEffect(() => {
    if (!pending) {
      setShown(false);
      return;
    }
    const timer = window.setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [pending]);

  return (
    <div className={styles.unsent} role="status" aria-live="polite">
      {pending && shown && (
        <>
          <p className={styles.count}>
            {count === 1 ? messages.offline.unsentOne : format(messages.offline.unsentMany, { count })}
          </p>
          <p className={styles.hint}>{messages.offline.unsentHint}</p>
        </>
      )}
    </div>
  );
}
