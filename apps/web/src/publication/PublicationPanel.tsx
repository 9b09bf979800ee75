import { useState, type FormEvent } from 'react';
import {
  decideApproval,
  decideCaseManagement,
  decideCorrectionConfirm,
  decideCorrectionRequest,
  type Actor,
  type Case,
  type PublicationState,
} from '@samraad/schema';
import { formatDateTime } from '../i18n/format.js';
import { format, messages, partyName } from '../i18n/messages.js';
import { useAction } from '../ui/useAction.js';
import composer from '../comments/composer.module.css';
import panel from '../consensus/ConsensusPanel.module.css';
import { confirmCorrection, republish, requestCorrection } from './publicationApi.js';

interface PublicationPanelProps {
  caseId: string;
  publication: PublicationState;
  actor: Actor | null;
  hospitalName: string;
  onPublication: (state: PublicationState) => void;
  onCase: (updated: Case) => void;
}

/**
 * A published case: when it was published (and corrected), and the correction flow. One side
 * asks, with a reason; the other confirms, which opens the text; the secretariat then
 * publishes the corrected version. Every rule here is the server's, asked the same way.
 */
export function PublicationPanel({
  caseId,
  publication,
  actor,
  hospitalName,
  onPublication,
  onCase,
}: PublicationPanelProps) {
  const [reason, setReason] = useState('');
  const { busy, problem, act } = useAction();
  const latest = publication.publications[publication.publications.length - 1];
  if (!latest) return null;
  const mySide = actor?.role === 'member' && decideApproval(actor).allowed ? actor.side : null;
  const open = publication.openCorrection;
  const confirmed = publication.corrections.filter((c) => c.confirmedAt !== null);
  const lastConfirmed = confirmed[confirmed.length - 1];

  return (
    <section className={panel.panel} aria-labelledby="publication-title" data-frozen={publication.frozen}>
      <h2 id="publication-title" className={panel.title}>
        {messages.publication.title}
      </h2>
      {publication.frozen && (
        <div className="notice notice--locked" role="status">
          <p>
            {format(latest.sequence > 1 ? messages.publication.frozenCorrected : messages.publication.frozen, {
              when: formatDateTime(latest.publishedAt),
              name: latest.publishedByName ?? messages.publication.system,
            })}
          </p>
        </div>
      )}

      {open && (
        <div>
          <p>
            {format(messages.publication.correctionRequested, {
              name: open.requestedByName,
              side: partyName(open.side, hospitalName),
              reason: open.reason,
            })}
          </p>
          {mySide && decideCorrectionConfirm(open, mySide).allowed && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => void act(async () => onPublication(await confirmCorrection(caseId, open.id)))}
            >
              {messages.publication.confirmCorrection}
            </button>
          )}
          {mySide === open.side && <p className={panel.hint}>{messages.publication.awaitingOtherSide}</p>}
        </div>
      )}

      {mySide && decideCorrectionRequest(publication).allowed && (
        <form
          className="form"
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            void act(async () => {
              onPublication(await requestCorrection(caseId, reason));
              setReason('');
            });
          }}
        >
          <label className="form__label" htmlFor="correction-reason">
            {messages.publication.correctionReason}
          </label>
          <textarea
            id="correction-reason"
            className={composer.text}
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="button button--small" disabled={busy}>
            {messages.publication.requestCorrection}
          </button>
        </form>
      )}

      {!publication.frozen && lastConfirmed && (
        <div className="notice notice--warning" role="status">
          <p>
            {format(messages.publication.open, {
              name: lastConfirmed.confirmedByName ?? '',
              when: formatDateTime(lastConfirmed.confirmedAt!),
              reason: lastConfirmed.reason,
            })}
          </p>
          {decideCaseManagement(actor).allowed && (
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy}
              onClick={() => void act(async () => onCase(await republish(caseId)))}
            >
              {messages.publication.republish}
            </button>
          )}
        </div>
      )}

      {confirmed.length > 0 && (
        <>
          <h3>{messages.publication.history}</h3>
          <ul>
            {confirmed.map((c) => (
              <li key={c.id}>
                {format(messages.publication.historyItem, {
                  when: formatDateTime(c.confirmedAt!),
                  reason: c.reason,
                  requester: c.requestedByName,
                  confirmer: c.confirmedByName ?? '',
                })}
              </li>
            ))}
          </ul>
        </>
      )}

      {problem && (
        <p className="form__problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
