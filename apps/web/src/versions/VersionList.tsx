import type { SectionVersion } from '@samraad/schema';
import { formatDateTime, formatList } from '../i18n/format.js';
import { format } from '../i18n/messages.js';
import { versionMessages as text } from './versionMessages.js';
import history from './history.module.css';
import styles from './VersionList.module.css';

interface VersionListProps {
  /** Newest first, as the server lists them. */
  versions: readonly SectionVersion[];
  viewingId: string | null;
  onView: (versionId: string) => void;
  onCompareWithPrevious: (versionId: string) => void;
}

/**
 * When and by whom a version was stored: "23.11.2026, 14:05, av Kari Lind", or for a version
 * saved after an editing session, who wrote in it: "…, skrevet av Jonas Eide og Kari Lind".
 */
export function versionWhen(version: SectionVersion): string {
  const when = formatDateTime(version.createdAt);
  if (version.authors.length > 0)
    return format(text.byAuthors, { when, names: formatList(version.authors.map((a) => a.name)) });
  return version.createdByName
    ? format(text.byWhom, { when, name: version.createdByName })
    : format(text.bySystem, { when });
}

export function VersionList({ versions, viewingId, onView, onCompareWithPrevious }: VersionListProps) {
  if (versions.length === 0) return <p className={history.empty}>{text.empty}</p>;
  return (
    <ol className={styles.list} aria-label={text.listLabel}>
      {versions.map((version, index) => (
        <li
          key={version.id}
          className={version.id === viewingId ? `${styles.item} ${styles.viewing}` : styles.item}
          aria-current={version.id === viewingId ? 'true' : undefined}
          data-version-id={version.id}
        >
          <div className={styles.what}>
            <span className={styles.label}>{version.label}</span>
            <span className={`${styles.kind} ${styles[version.kind]}`}>{text.kind[version.kind]}</span>
          </div>
          <div className={history.when}>{versionWhen(version)}</div>
          <div className={styles.actions}>
            <button
              type="button"
              className="button button--small"
              aria-label={format(text.viewLabel, { label: version.label })}
              onClick={() => onView(version.id)}
            >
              {text.view}
            </button>
            {index < versions.length - 1 && (
              <button
                type="button"
                className="button button--small"
                aria-label={format(text.compareLabel, { label: version.label })}
                onClick={() => onCompareWithPrevious(version.id)}
              >
                {text.compareWithPrevious}
              </button>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
