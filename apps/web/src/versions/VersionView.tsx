import { useEffect, useId, useRef, useState } from 'react';
import type { SectionVersion, SectionVersionDetail } from '@samraad/schema';
import { messages, format } from '../i18n/messages.js';
import { problemOf } from './problem.js';
import { versionWhen } from './VersionList.js';
import { versionMessages as text } from './versionMessages.js';
import { fetchVersion, restoreVersion } from './versionsApi.js';
import { SectionBlockView } from '../ui/SectionBlocks.js';
import history from './history.module.css';
import styles from './VersionView.module.css';

interface VersionViewProps {
  caseId: string;
  sectionId: string;
  version: SectionVersion;
  writable: boolean;
  onClose: () => void;
  onRestored: () => void | Promise<void>;
}

/** One old version, read-only, and (for someone who may write the section) a way back to it. */
export function VersionView({ caseId, sectionId, version, writable, onClose, onRestored }: VersionViewProps) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [detail, setDetail] = useState<SectionVersionDetail | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchVersion(caseId, sectionId, version.id, controller.signal).then(setDetail, (error: unknown) => {
      if (!controller.signal.aborted) setLoadProblem(problemOf(error));
    });
    return () => controller.abort();
  }, [caseId, sectionId, version.id]);

  // Take the reader to what they asked to see.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className={history.card} aria-labelledby={titleId}>
      <div className={styles.head}>
        <h4 id={titleId} ref={heading} tabIndex={-1} className={history.cardTitle}>
          {format(text.detail.title, { label: version.label })}
        </h4>
        <button type="button" className="button button--small" onClick={onClose}>
          {text.detail.close}
        </button>
      </div>
      <p className={history.when}>{versionWhen(version)}</p>
      {loadProblem && (
        <p className="notice" role="alert">
          {loadProblem}
        </p>
      )}
      {!detail && !loadProblem && <p className="loading">{messages.common.loading}</p>}
      {detail && (
        <div className={`${history.paperText} ${styles.text}`}>
          {detail.blocks.length === 0 ? (
            <p className={history.empty}>{text.detail.empty}</p>
          ) : (
            detail.blocks.map((block, index) => <SectionBlockView key={index} block={block} />)
          )}
        </div>
      )}
      {writable && <RestoreVersion caseId={caseId} sectionId={sectionId} version={version} onRestored={onRestored} />}
    </section>
  );
}

/** "Gjenopprett denne versjonen", confirmed in place; shows the server's refusal if any. */
function RestoreVersion({
  caseId,
  sectionId,
  version,
  onRestored,
}: Pick<VersionViewProps, 'caseId' | 'sectionId' | 'version' | 'onRestored'>) {
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirmId = useId();
  const yes = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  async function restore() {
    setWorking(true);
    setProblem(null);
    try {
      await restoreVersion(caseId, sectionId, version.id);
      setConfirming(false);
      await onRestored();
    } catch (error) {
      setProblem(problemOf(error));
      setConfirming(false);
    } finally {
      setWorking(false);
    }
  }

  return (
    <div>
      {problem && (
        <p className="notice" role="alert">
          {problem}
        </p>
      )}
      {confirming ? (
        <div className={styles.confirm} role="group" aria-labelledby={confirmId}>
          <p id={confirmId}>{format(text.restore.confirm, { label: version.label })}</p>
          <div className="form__actions">
            <button
              ref={yes}
              type="button"
              className="button button--primary button--small"
              disabled={working}
              onClick={() => void restore()}
            >
              {working ? text.restore.working : text.restore.yes}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={working}
              onClick={() => setConfirming(false)}
            >
              {text.restore.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button button--small" onClick={() => setConfirming(true)}>
          {text.restore.button}
        </button>
      )}
    </div>
  );
}
