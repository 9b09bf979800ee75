import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SectionVersion, VersionDiff } from '@samraad/schema';
import { formatDateTime, formatList } from '../i18n/format.js';
import { format } from '../i18n/messages.js';
import { SelectField } from '../ui/SelectField.js';
import { problemOf } from './problem.js';
import { versionMessages as text } from './versionMessages.js';
import { fetchVersionDiff } from './versionsApi.js';
import history from './history.module.css';
import styles from './VersionCompare.module.css';

/** Which two versions to compare; `load` fetches the diff at once instead of only preselecting. */
export interface ComparePair {
  fromId: string;
  toId: string;
  load: boolean;
}

interface VersionCompareProps {
  caseId: string;
  sectionId: string;
  /** Newest first. */
  versions: readonly SectionVersion[];
  /** A pair chosen elsewhere in the panel ("Vis", "Sammenlign med forrige"). */
  pair: ComparePair | null;
  onPair: (pair: ComparePair) => void;
}

/** "Fra" and "til": words added and removed between two versions, and who edited in between. */
export function VersionCompare({ caseId, sectionId, versions, pair, onPair }: VersionCompareProps) {
  const titleId = useId();
  const exists = (versionId: string | undefined) => versions.some((version) => version.id === versionId);
  // Default: the one before the newest against the newest.
  const fromId = pair && exists(pair.fromId) ? pair.fromId : (versions[1]?.id ?? '');
  const toId = pair && exists(pair.toId) ? pair.toId : (versions[0]?.id ?? '');
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function load(from: string, to: string) {
    if (from === to) {
      setDiff(null);
      setProblem(text.compare.sameVersion);
      return;
    }
    setLoading(true);
    setProblem(null);
    try {
      setDiff(await fetchVersionDiff(caseId, sectionId, from, to));
    } catch (error) {
      setDiff(null);
      setProblem(problemOf(error));
    } finally {
      setLoading(false);
    }
  }

  // Loads for each pair asked for, not when the list around it refreshes: the effect reads the
  // latest `load` from a ref rather than depending on it. `load` reports its own failures.
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });
  useEffect(() => {
    if (pair?.load) void latestLoad.current(pair.fromId, pair.toId);
  }, [pair]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onPair({ fromId, toId, load: true });
  }

  const options = versions.map((version) => ({
    value: version.id,
    label: format(text.compare.option, { label: version.label, when: formatDateTime(version.createdAt) }),
  }));

  return (
    <section aria-labelledby={titleId}>
      <form onSubmit={submit}>
        <fieldset className={history.fieldset}>
          <legend id={titleId} className={history.legend}>
            {text.compare.legend}
          </legend>
          <div className={styles.fields}>
            <SelectField
              label={text.compare.from}
              value={fromId}
              onChange={(event) => onPair({ fromId: event.target.value, toId, load: false })}
              options={options}
            />
            <SelectField
              label={text.compare.to}
              value={toId}
              onChange={(event) => onPair({ fromId, toId: event.target.value, load: false })}
              options={options}
            />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--small" disabled={loading}>
              {text.compare.submit}
            </button>
          </div>
        </fieldset>
      </form>
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
      <div aria-live="polite">{diff && <DiffView diff={diff} />}</div>
    </section>
  );
}

function DiffView({ diff }: { diff: VersionDiff }) {
  const changed = diff.changes.some((change) => change.type !== 'same');
  return (
    <div className={`${history.card} ${styles.diff}`}>
      <h4 className={history.cardTitle}>{format(text.compare.title, { from: diff.from.label, to: diff.to.label })}</h4>
      <p className={styles.key} aria-hidden="true">
        <ins>{text.compare.legendAdded}</ins> <del>{text.compare.legendRemoved}</del>
      </p>
      {changed ? (
        <p className={`${history.paperText} ${styles.text}`}>
          {diff.changes.map((change, index) =>
            change.type === 'added' ? (
              <ins key={index}>
                <span className="visually-hidden">{text.compare.addedHint}</span>
                {change.text}
              </ins>
            ) : change.type === 'removed' ? (
              <del key={index}>
                <span className="visually-hidden">{text.compare.removedHint}</span>
                {change.text}
              </del>
            ) : (
              <span key={index}>{change.text}</span>
            ),
          )}
        </p>
      ) : (
        <p className={history.empty}>{text.compare.noChanges}</p>
      )}
      <p className={styles.authors}>
        {diff.authors.length > 0
          ? format(text.compare.authors, { names: formatList(diff.authors.map((author) => author.name)) })
          : text.compare.noAuthors}
      </p>
    </div>
  );
}
