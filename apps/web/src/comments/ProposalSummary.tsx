import { useState } from 'react';
import {
  decideProposalDecision,
  type Actor,
  type CommentThread,
  type SectionOwner,
  type SectionSeal,
} from '@samraad/schema';
import { submitProposalDecision } from '../api/client.js';
import { formatDateTime } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { proposalStyles as styles, proposerColourClass } from './proposalStyle.js';
import threadStyles from './thread.module.css';

interface ProposalSummaryProps {
  thread: CommentThread;
  /** The words under it changed since it was made: it can no longer be accepted as it stands. */
  stale: boolean;
  actor: Actor | null;
  owner: SectionOwner;
  seal: SectionSeal;
  onChanged: (thread: CommentThread) => void;
}

/**
 * What a proposal asks for, whether the text still matches it, its outcome, and, for those
 * who may write the section (the same rule the server applies), "Godta" and "Avvis".
 */
export function ProposalSummary({ thread, stale, actor, owner, seal, onChanged }: ProposalSummaryProps) {
  const proposal = thread.proposal!;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const mayReject = decideProposalDecision(actor, owner, 'rejected').allowed;
  const mayAccept = decideProposalDecision(actor, owner, 'accepted', seal);

  async function decide(decision: 'accepted' | 'rejected') {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await submitProposalDecision(thread.id, decision));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={`${styles.summary} ${proposerColourClass(thread)}`}>
      <p className={styles.proposer}>{format(messages.proposals.proposedBy, { name: proposal.proposedByName })}</p>
      <p className={styles.change}>
        <del>{thread.quote}</del> {proposal.replacement && <ins>{proposal.replacement}</ins>}
        <span className="visually-hidden">
          {proposal.replacement
            ? format(messages.proposals.replaces, { quote: thread.quote, replacement: proposal.replacement })
            : format(messages.proposals.removes, { quote: thread.quote })}
        </span>
      </p>
      {stale && (
        <p className={styles.staleNotice} role="status">
          {messages.proposals.stale}
        </p>
      )}
      {proposal.status !== 'open' && proposal.decidedAt && (
        <p className={threadStyles.status}>
          {format(proposal.status === 'accepted' ? messages.proposals.accepted : messages.proposals.rejected, {
            name: proposal.decidedByName ?? '',
            when: formatDateTime(proposal.decidedAt),
          })}
        </p>
      )}
      {proposal.status === 'open' &&
        (mayReject ? (
          <p className={styles.actions}>
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy || stale || !mayAccept.allowed}
              onClick={() => void decide('accepted')}
            >
              {messages.proposals.accept}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void decide('rejected')}
            >
              {messages.proposals.reject}
            </button>
          </p>
        ) : (
          <p className={styles.hint}>{messages.proposals.onlyWriters}</p>
        ))}
      {problem && (
        <p className="form__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
