import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SectionVersion } from '@samraad/schema';
import { format } from '../i18n/messages.js';
import { problemOf } from './problem.js';
import { SaveVersionForm } from './SaveVersionForm.js';
import { VersionCompare, type ComparePair } from './VersionCompare.js';
import { VersionList } from './VersionList.js';
import { VersionView } from './VersionView.js';
import { versionMessages as text } from './versionMessages.js';
import { fetchVersions } from './versionsApi.js';
import styles from './SectionHistory.module.css';

interface SectionHistoryProps {
  caseId: string;
  sectionId: string;
  sectionTitle: string;
  /** Whether the viewer may write the section now (decideSectionWrite, locks included). */
  writable: boolean;
  /** Changes when a version of the section is stored anywhere; the open list then re-reads. */
  versionsSeen: number;
}

/**
 * The "Historikk" disclosure of a section: its versions newest first, naming a version,
 * reading an old one, comparing two, and restoring one as a new change.
 */
export function SectionHistory(props: SectionHistoryProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <div className={styles.history}>
      <button
        ref={toggle}
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {text.toggle}
      </button>
      {open && (
        <HistoryPanel
          {...props}
          id={panelId}
          onClose={() => {
            setOpen(false);
            toggle.current?.focus();
          }}
        />
      )}
    </div>
  );
}

interface HistoryPanelProps extends SectionHistoryProps {
  id: string;
  onClose: () => void;
}

/** Mounted each time the disclosure opens, so opening always fetches the list afresh. */
function HistoryPanel({ id, caseId, sectionId, sectionTitle, writable, versionsSeen, onClose }: HistoryPanelProps) {
  const titleId = useId();
  const [versions, setVersions] = useState<SectionVersion[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [viewingId, setViewingId] = useState<string | null>(null);
  const [pair, setPair] = useState<ComparePair | null>(null);

  const refresh = useCallback(async () => {
    try {
      setVersions(await fetchVersions(caseId, sectionId));
      setLoadProblem(null);
    } catch (error) {
      setLoadProblem(problemOf(error));
    }
  }, [caseId, sectionId]);

  useEffect(() => {
    void refresh();
  }, [refresh, versionsSeen]);

  /** The version just before `versionId` in time, if there is one. */
  const previousOf = (versionId: string) => {
    const list = versions ?? [];
    return list[list.findIndex((version) => version.id === versionId) + 1]?.id ?? null;
  };

  function view(versionId: string) {
    setViewingId(versionId);
    // Preselect "previous vs this" in the comparison (for the oldest: "this vs newest"),
    // without fetching until asked.
    const previous = previousOf(versionId);
    const newest = versions?.[0]?.id;
    if (previous) setPair({ fromId: previous, toId: versionId, load: false });
    else if (newest && newest !== versionId) setPair({ fromId: versionId, toId: newest, load: false });
  }

  function compareWithPrevious(versionId: string) {
    const previous = previousOf(versionId);
    if (previous) setPair({ fromId: previous, toId: versionId, load: true });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
    }
  }

  const viewing = versions?.find((version) => version.id === viewingId) ?? null;

  return (
    <div id={id} className={styles.panel} role="region" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <h3 id={titleId} className={styles.title}>
        {format(text.panelTitle, { section: sectionTitle })}
      </h3>
      <p className={styles.status} role="status">
        {status}
      </p>
      <SaveVersionForm
        caseId={caseId}
        sectionId={sectionId}
        onSaved={async (version) => {
          setStatus(format(text.save.saved, { label: version.label }));
          await refresh();
        }}
      />
      {loadProblem && (
        <p className="notice" role="alert">
          {loadProblem}
        </p>
      )}
      {versions === null && !loadProblem && <p className="loading">{text.loading}</p>}
      {versions && (
        <VersionList
          versions={versions}
          viewingId={viewingId}
          onView={view}
          onCompareWithPrevious={compareWithPrevious}
        />
      )}
      {viewing && (
        <VersionView
          key={viewing.id}
          caseId={caseId}
          sectionId={sectionId}
          version={viewing}
          writable={writable}
          onClose={() => setViewingId(null)}
          onRestored={async () => {
            setStatus(format(text.restore.done, { label: viewing.label }));
            await refresh();
          }}
        />
      )}
      {versions && versions.length > 1 && (
        <VersionCompare caseId={caseId} sectionId={sectionId} versions={versions} pair={pair} onPair={setPair} />
      )}
    </div>
  );
}
