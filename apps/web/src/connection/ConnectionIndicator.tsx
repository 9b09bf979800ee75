import { messages } from '../i18n/messages.js';
import type { ConnectionState } from './connectionState.js';
import styles from './ConnectionIndicator.module.css';

/** A polite live region: screen readers hear about a lost line without being interrupted. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <div className={`${styles.connection} ${styles[state]}`} role="status" aria-live="polite">
      <span className={styles.dot} aria-hidden="true" />
      <span className={styles.text}>{messages.connection[state]}</span>
      {state === 'offline' && <p className={styles.hint}>{messages.connection.offlineHint}</p>}
    </div>
  );
}
