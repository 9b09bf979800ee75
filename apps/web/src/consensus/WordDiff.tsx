import type { WordChange } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import styles from './WordDiff.module.css';

/** Words added and removed, marked the way tracked changes are (and announced as such). */
export function WordDiff({ changes }: { changes: readonly WordChange[] }) {
  return (
    <p>
      {changes.map((change, index) => {
        if (change.type === 'added') {
          return (
            <ins key={index} className={styles.added}>
              <span className="visually-hidden">{messages.consensus.added} </span>
              {change.text}
            </ins>
          );
        }
        if (change.type === 'removed') {
          return (
            <del key={index} className={styles.removed}>
              <span className="visually-hidden">{messages.consensus.removed} </span>
              {change.text}
            </del>
          );
        }
        return <span key={index}>{change.text}</span>;
      })}
    </p>
  );
}
