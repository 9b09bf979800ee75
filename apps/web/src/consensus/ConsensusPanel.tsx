import { useState, type FormEvent } from 'react';
import {
  decideApproval,
  decideCaseManagement,
  diffWords,
  hashConsensusContent,
  type Actor,
  type Case,
  type CaseStatus,
  type CommentThread,
  type ConsensusView,
  type Side,
} from '@samraad/schema';
import { StatusBadge } from '../case/CaseBadges.js';

/** The two sides in order; written out so the case page does not load zod for SideSchema.options. */
const SIDE_ORDER: readonly Side[] = ['kommune', 'helseforetak'];
import { formatDateTime } from '../i18n/format.js';
import { format, messages, formatPlural } from '../i18n/messages.js';
import composer from '../comments/composer.module.css';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { useAction } from '../ui/useAction.js';
import {
  agreeToOneStep,
  approveWording,
  changeStatus,
  confirmReopen,
  requestReopen,
  withdrawOneStep,
} from './consensusApi.js';
import { DecisionRecordView } from './DecisionRecordView.js';
import { WordDiff } from './WordDiff.js';
import styles from './ConsensusPanel.module.css';

interface ConsensusPanelProps {
  theCase: Case;
  consensus: ConsensusView;
  actor: Actor | null;
  hospitalName: string;
  /** The consensus wording exactly as this browser shows it, or null before it has synced. */
  currentWording: () => string | null;
  /** The same wording as plain text, live, for showing what changed since an approval. */
  wordingText: string | null;
  /** The title of the section holding the wording, as the approval dialog names it. */
  wordingTitle: string;
  /** Open comment threads on the wording: the approval dialog lists them to be read first. */
  wordingThreads: CommentThread[];
  onConsensus: (view: ConsensusView) => void;
  onCase: (updated: Case) => void;
}

/**
 * The deliberation in one place: where the case stands in its flow, each side's approval of
 * the consensus wording, why an approval fell away, the lock, and reopening it.
 */
export function ConsensusPanel(props: ConsensusPanelProps) {
  const {
    theCase,
    consensus,
    actor,
    hospitalName,
    currentWording,
    wordingText,
    wordingTitle,
    wordingThreads,
    onConsensus,
    onCase,
  } = props;
  /** Which binding act is waiting for its confirmation. */
  const [confirming, setConfirming] = useState<'approve' | 'publish' | null>(null);
  // Whatever came of it, the confirmation it waited for is over.
  const { busy, problem, act } = useAction(() => setConfirming(null));
  const sideName = (side: Side) => (side === 'helseforetak' ? hospitalName : messages.consensus.municipalities);
  const active = consensus.approvals.filter((approval) => approval.voidedAt === null);
  const locked = consensus.locks.length > 0;
  const mySide = actor?.role === 'member' ? actor.side : null;
  const mayApprove = decideApproval(actor).allowed && mySide !== null;
  const myApproval = active.find((approval) => approval.side === mySide);
  const manages = decideCaseManagement(actor).allowed;

  const approve = () =>
    act(async () => {
      const wording = currentWording();
      if (wording === null) throw new Error(messages.consensus.notSynced);
      // The hash of what this person sees: if anyone changed it meanwhile, the server says no.
      onConsensus(await approveWording(theCase.id, await hashConsensusContent(wording)));
    });

  return (
    <section className={styles.panel} aria-labelledby="consensus-title" data-status={theCase.status}>
      <h2 id="consensus-title" className={styles.title}>
        {messages.consensus.title}
      </h2>
      <p className={styles.status}>
        {messages.consensus.status} <StatusBadge status={theCase.status} />
      </p>

      {!consensus.needsConsensus && <p>{messages.consensus.noApprovalNeeded}</p>}

      {locked && (
        <div className="notice notice--locked" role="status">
          <p>{format(messages.consensus.lockedBanner, { when: formatDateTime(consensus.locks[0]!.lockedAt) })}</p>
        </div>
      )}

      {consensus.needsConsensus && (
        <ul className={styles.sides} aria-label={messages.consensus.approvals}>
          {SIDE_ORDER.map((side) => {
            const approval = active.find((candidate) => candidate.side === side);
            return (
              <li key={side} className={approval ? `${styles.side} ${styles.approved}` : styles.side} data-side={side}>
                <span className={styles.sideName}>{sideName(side)}</span>{' '}
                {approval
                  ? format(messages.consensus.approvedByShort, {
                      name: approval.userName,
                      when: formatDateTime(approval.approvedAt),
                    })
                  : messages.consensus.notApproved}
              </li>
            );
          })}
        </ul>
      )}

      {consensus.lastVoid && !locked && active.length < 2 && consensus.lastVoid.reason === 'text-changed' && (
        <div className="notice notice--warning" role="alert">
          <p>
            {consensus.lastVoid.changedByName
              ? format(messages.consensus.voidedBy, { name: consensus.lastVoid.changedByName })
              : messages.consensus.voided}
          </p>
          <WordDiff
            changes={
              consensus.lastVoid.approvedText !== null && wordingText !== null
                ? diffWords(consensus.lastVoid.approvedText, wordingText)
                : consensus.lastVoid.diff
            }
          />
        </div>
      )}

      {consensus.needsConsensus && theCase.status === 'til_beslutning' && mayApprove && !locked && (
        <button
          type="button"
          className="button button--primary"
          disabled={busy || myApproval !== undefined}
          onClick={() => setConfirming('approve')}
        >
          {myApproval
            ? messages.consensus.alreadyApproved
            : format(messages.consensus.approve, { side: sideName(mySide) })}
        </button>
      )}
      {confirming === 'approve' && mySide && (
        <ConfirmDialog
          title={format(messages.consensus.approveTitle, { side: sideName(mySide) })}
          confirmLabel={messages.consensus.approveConfirm}
          busy={busy}
          onConfirm={() => void approve()}
          onCancel={() => setConfirming(null)}
        >
          <p>{format(messages.consensus.approveWhat, { section: wordingTitle, side: sideName(mySide) })}</p>
          <p>{messages.consensus.approveLock}</p>
          <OpenThreads threads={wordingThreads} />
        </ConfirmDialog>
      )}

      {consensus.needsConsensus && theCase.status === 'utkast' && (
        <OneStep
          consensus={consensus}
          sideName={sideName}
          mySide={mayApprove ? mySide : null}
          busy={busy}
          onAgree={() => act(async () => onConsensus(await agreeToOneStep(theCase.id)))}
          onWithdraw={() => act(async () => onConsensus(await withdrawOneStep(theCase.id)))}
        />
      )}

      {locked && (
        <Reopen
          consensus={consensus}
          mySide={mayApprove ? mySide : null}
          sideName={sideName}
          busy={busy}
          onRequest={(reason) => act(async () => onConsensus(await requestReopen(theCase.id, reason)))}
          onConfirm={(requestId) => act(async () => onConsensus(await confirmReopen(theCase.id, requestId)))}
        />
      )}

      {manages && consensus.nextStatuses.length > 0 && (
        <div className={styles.flow} role="group" aria-label={messages.consensus.flow}>
          {consensus.nextStatuses.map((status) => (
            <button
              key={status}
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() =>
                status === 'publisert'
                  ? setConfirming('publish')
                  : void act(async () => onCase(await changeStatus(theCase.id, status)))
              }
            >
              {messages.consensus.moveTo[status as Exclude<CaseStatus, 'konsensus'>] ?? status}
            </button>
          ))}
        </div>
      )}
      {confirming === 'publish' && (
        <ConfirmDialog
          title={messages.consensus.publishTitle}
          confirmLabel={messages.consensus.moveTo.publisert}
          busy={busy}
          onConfirm={() => void act(async () => onCase(await changeStatus(theCase.id, 'publisert')))}
          onCancel={() => setConfirming(null)}
        >
          <p>{messages.consensus.publishWhat}</p>
        </ConfirmDialog>
      )}

      {(locked || theCase.status === 'publisert') && consensus.needsConsensus && (
        <DecisionRecordView caseId={theCase.id} sideName={sideName} />
      )}

      {problem && (
        <p className="form__problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function OneStep({
  consensus,
  sideName,
  mySide,
  busy,
  onAgree,
  onWithdraw,
}: {
  consensus: ConsensusView;
  sideName: (side: Side) => string;
  mySide: Side | null;
  busy: boolean;
  onAgree: () => void;
  onWithdraw: () => void;
}) {
  const agreed = SIDE_ORDER.filter((side) => consensus.oneStep[side]);
  return (
    <div>
      <p>
        {agreed.length === 2
          ? messages.consensus.oneStepAgreed
          : agreed.length === 1
            ? format(messages.consensus.oneStepOne, { side: sideName(agreed[0]!) })
            : messages.consensus.twoStepDefault}
      </p>
      {mySide && !consensus.oneStep[mySide] && (
        <button type="button" className="button button--small" disabled={busy} onClick={onAgree}>
          {messages.consensus.agreeOneStep}
        </button>
      )}
      {mySide && consensus.oneStep[mySide] && (
        <button type="button" className="button button--small" disabled={busy} onClick={onWithdraw}>
          {messages.consensus.withdrawOneStep}
        </button>
      )}
    </div>
  );
}

function Reopen({
  consensus,
  mySide,
  sideName,
  busy,
  onRequest,
  onConfirm,
}: {
  consensus: ConsensusView;
  mySide: Side | null;
  sideName: (side: Side) => string;
  busy: boolean;
  onRequest: (reason: string) => void;
  onConfirm: (requestId: string) => void;
}) {
  const [reason, setReason] = useState('');
  const open = consensus.openReopenRequest;

  if (open) {
    return (
      <div>
        <p>
          {format(messages.consensus.reopenRequested, {
            name: open.requestedByName,
            side: sideName(open.side),
            reason: open.reason,
          })}
        </p>
        {mySide && mySide !== open.side && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => onConfirm(open.id)}>
            {messages.consensus.confirmReopen}
          </button>
        )}
        {mySide === open.side && <p className={styles.hint}>{messages.consensus.awaitingOtherSide}</p>}
      </div>
    );
  }
  if (!mySide) return null;
  return (
    <form
      className="form"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onRequest(reason);
      }}
    >
      <label className="form__label" htmlFor="reopen-reason">
        {messages.consensus.reopenReason}
      </label>
      <textarea
        id="reopen-reason"
        className={composer.text}
        rows={2}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" className="button button--small" disabled={busy}>
        {messages.consensus.requestReopen}
      </button>
    </form>
  );
}

/**
 * The open comment threads on the wording, counted («1 åpen kommentar») and each expandable,
 * so the approver can read what is still being discussed before approving. Open proposals are
 * counted apart and show what they would change: approving now approves the text without them.
 */
function OpenThreads({ threads }: { threads: CommentThread[] }) {
  const proposals = threads.filter((thread) => thread.proposal?.status === 'open');
  const comments = threads.filter((thread) => thread.proposal?.status !== 'open');
  if (threads.length === 0) return <p>{messages.consensus.noOpenComments}</p>;
  return (
    <div className="notice notice--warning">
      <p>
        {comments.length > 0 && <strong>{formatPlural(messages.consensus.openComments, comments.length, {})}</strong>}
        {comments.length > 0 && proposals.length > 0 && ' '}
        {proposals.length > 0 && (
          <strong>{formatPlural(messages.consensus.openProposals, proposals.length, {})}</strong>
        )}
        . {messages.consensus.openCommentsHint}
      </p>
      {[...proposals, ...comments].map((thread) => (
        <details key={thread.id}>
          <summary>
            {thread.proposal
              ? format(messages.consensus.proposalOn, {
                  name: thread.proposal.proposedByName,
                  quote: thread.quote,
                  replacement: thread.proposal.replacement,
                })
              : format(messages.consensus.commentOn, { quote: thread.quote })}
          </summary>
          <ol>
            {thread.comments
              .filter((comment) => !comment.deleted)
              .map((comment) => (
                <li key={comment.id}>
                  <strong>{comment.authorName}</strong> ({formatDateTime(comment.createdAt)}): {comment.body}
                </li>
              ))}
          </ol>
        </details>
      ))}
    </div>
  );
}
