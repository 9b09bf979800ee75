import { useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import {
  decideSectionWrite,
  type Actor,
  type ActivityEntry,
  type CommentThread,
  type MentionCandidate,
  type PresenceUser,
  type Section,
} from '@samraad/schema';
import { SectionComments } from '../comments/SectionComments.js';
import { formatDateTime } from '../i18n/format.js';
import { format, formatPlural, messages, ownerLabel, readOnlyReason } from '../i18n/messages.js';
import { SectionEditor } from '../editor/SectionEditor.js';
import type { SectionConnection } from '../editor/sectionConnection.js';
import type { SectionNotice } from '../editor/useSectionConnections.js';
import { RescuedTextPanel } from '../offline/RescuedTextPanel.js';
import { SectionNoticeBanner } from './SectionNoticeBanner.js';
import { SectionHistory } from '../versions/SectionHistory.js';
import openCount from '../comments/openCount.module.css';
import editorStyles from '../editor/SectionEditor.module.css';
import styles from './CaseSection.module.css';

interface CaseSectionProps {
  section: Section;
  hospitalName: string;
  connection: SectionConnection | undefined;
  user: PresenceUser;
  /** Who the viewer is in this case's community; the same rule the server enforces. */
  actor: Actor | null;
  /** Locked after consensus: nobody writes until both sides reopen it. */
  locked: boolean;
  /** The case is published and frozen: nobody writes until both sides agree to a correction. */
  frozen: boolean;
  lastWrite: ActivityEntry | undefined;
  /** The server refused something here: read-only with its reason until the person retries. */
  notice: SectionNotice | undefined;
  onRetry: () => void;
  /** Text the person wrote here that could not be saved, handed back to copy. */
  rescuedText: string | undefined;
  onDismissRescued: () => void;
  caseId: string;
  userId: string;
  threads: readonly CommentThread[];
  people: readonly MentionCandidate[];
  onThreadChanged: (thread: CommentThread) => void;
  /** Grows each time a version of this section is stored; an open history re-reads then. */
  versionsSeen: number;
  /** The secretariat's controls for the section (rename, move, delete), when the viewer manages the case. */
  tools?: ReactNode;
}

/** A section of the case paper: its heading, who writes it, and its shared text. */
export function CaseSection(props: CaseSectionProps) {
  const { section, hospitalName, connection, user, actor, lastWrite, notice, onRetry } = props;
  const headingId = `section-${section.id}-title`;
  const write = decideSectionWrite(actor, section.owner, props.frozen ? 'published' : props.locked);
  // The connection sends nothing while refused either; the editor says so by being read-only.
  const editable = write.allowed && !notice;
  const [editor, setEditor] = useState<Editor | null>(null);
  const openThreads = props.threads.filter((thread) => thread.status === 'open').length;
  return (
    <section
      className={`${styles.section} ${styles[section.owner]}`}
      data-section-id={section.id}
      data-writable={editable}
      data-locked={props.locked}
      aria-labelledby={headingId}
    >
      <header className={styles.header}>
        <h2 id={headingId} className={styles.title}>
          {section.title}
        </h2>
        {openThreads > 0 && (
          <span className={openCount.count}>{formatPlural(messages.comments.openCount, openThreads, {})}</span>
        )}
        <span className={`${styles.ownerTag} ${styles[section.owner]}`}>{ownerLabel(section.owner, hospitalName)}</span>
      </header>
      {props.tools}
      <div className={styles.body}>
        <div>
          {!write.allowed && (
            <p className={styles.readOnly} data-read-only-reason>
              {readOnlyReason(write.reason, section.owner, hospitalName)}
            </p>
          )}
          {notice && <SectionNoticeBanner notice={notice} onRetry={onRetry} />}
          {props.rescuedText && <RescuedTextPanel text={props.rescuedText} onDismiss={props.onDismissRescued} />}
          {connection ? (
            <SectionEditor
              connection={connection}
              title={section.title}
              user={user}
              editable={editable}
              onEditor={setEditor}
            />
          ) : (
            !notice?.gaveUp && (
              <p className={editorStyles.syncing}>{notice ? messages.refusal.reloading : messages.editor.syncing}</p>
            )
          )}
          <p className={styles.activity}>
            {lastWrite
              ? format(messages.activity.lastWrite, { name: lastWrite.userName, when: formatDateTime(lastWrite.at) })
              : messages.activity.none}
          </p>
          <SectionHistory
            caseId={props.caseId}
            sectionId={section.id}
            sectionTitle={section.title}
            writable={editable}
            versionsSeen={props.versionsSeen}
          />
        </div>
        <SectionComments
          caseId={props.caseId}
          section={section}
          editor={editor}
          threads={props.threads}
          actor={actor}
          seal={props.frozen ? 'published' : props.locked ? 'locked' : null}
          userId={props.userId}
          people={props.people}
          onChanged={props.onThreadChanged}
        />
      </div>
    </section>
  );
}
