import { useState } from 'react';
import type { DecisionRecord, Side } from '@samraad/schema';
import { formatDateTime } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { fetchDecisionRecord } from './consensusApi.js';
import styles from './DecisionRecordView.module.css';
import { SectionBlockView } from '../ui/SectionBlocks.js';

/** The read-only decision record: the sealed wording, who approved it for each side, and when. */
export function DecisionRecordView({ caseId, sideName }: { caseId: string; sideName: (side: Side) => string }) {
  const [record, setRecord] = useState<DecisionRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function toggle() {
    if (record) {
      setRecord(null);
      return;
    }
    try {
      setRecord(await fetchDecisionRecord(caseId));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div>
      <button
        type="button"
        className="button button--small"
        aria-expanded={record !== null}
        onClick={() => void toggle()}
      >
        {messages.consensus.decisionRecord}
      </button>
      {problem && (
        <p className="form__problem" role="alert">
          {problem}
        </p>
      )}
      {record && (
        <div className={styles.body} role="region" aria-label={messages.consensus.decisionRecord}>
          <p>{format(messages.consensus.lockedAt, { when: formatDateTime(record.lockedAt) })}</p>
          <blockquote className={styles.wording}>
            {record.blocks.map((block, index) => (
              <SectionBlockView key={index} block={block} />
            ))}
          </blockquote>
          <ul>
            {record.approvals.map((approval) => (
              <li key={approval.id}>
                {format(messages.consensus.approvedBy, {
                  side: sideName(approval.side),
                  name: approval.userName,
                  when: formatDateTime(approval.approvedAt),
                })}
              </li>
            ))}
          </ul>
          <p>
            {messages.consensus.contentHash} <code>{record.contentHash.slice(0, 16)}…</code>
          </p>
        </div>
      )}
    </div>
  );
}
