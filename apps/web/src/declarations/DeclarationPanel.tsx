import { useState } from 'react';
import type { DeclarationView } from '@samraad/schema';
import { useResource } from '../api/useResource.js';
import { formatDate } from '../i18n/format.js';
import { format, formatPlural, messages } from '../i18n/messages.js';
import { fetchDeclaration, signDeclaration, withdrawSignature } from './declarationsApi.js';
import './declarations.css';

/**
 * Who has signed a declaration and who is missing, and the button to sign for one's own
 * organisation when decideDeclarationSigning (on the server) allows it. Nothing for an
 * ordinary case.
 */
export function DeclarationPanel({ caseId, status }: { caseId: string; status: string }) {
  // Reloaded when the case moves on: signing opens once the wording is agreed.
  const loaded = useResource((signal) => fetchDeclaration(caseId, signal), `${caseId}:${status}`);
  const [signedView, setSignedView] = useState<DeclarationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingWithdrawal, setConfirmingWithdrawal] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const view = signedView ?? (loaded.state === 'ready' ? loaded.data : null);
  if (!view || !view.isDeclaration) return null;

  /** Runs a signing action and shows the declaration as the server returns it, or why it failed. */
  const act = async (action: () => Promise<DeclarationView>, failure: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      setSignedView(await action());
      setConfirmingWithdrawal(false);
    } catch (error) {
      setProblem(format(failure, { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const own = view.partners.find((p) => p.organisationId === view.canSignFor);
  const sign = (organisationId: string) => act(() => signDeclaration(caseId, organisationId), messages.papers.signFailed);
  const signedOwn = view.partners.find((p) => p.organisationId === view.canWithdrawFor);
  const withdraw = (organisationId: string) => act(() => withdrawSignature(caseId, organisationId), messages.papers.withdrawFailed);
  const missing = view.partners.filter((p) => !p.signature);

  return (
    <section className="declaration" aria-labelledby="declaration-title">
      <h2 id="declaration-title" className="declaration__title">
        {messages.papers.declarationTitle}
      </h2>
      <p className="declaration__intro">{messages.papers.declarationIntro}</p>
      <p className="declaration__count" role="status">
        {formatPlural(messages.papers.signedCount, view.partners.length, { signed: view.signedCount, total: view.partners.length })}
      </p>
      {own && (
        <button type="button" className="button button--primary" onClick={() => void sign(own.organisationId)} disabled={busy}>
          {busy ? messages.papers.signing : format(messages.papers.sign, { organisation: own.organisationName })}
        </button>
      )}
      {!own && view.refusal === 'not-agreed' && <p>{messages.papers.notAgreed}</p>}
      {signedOwn &&
        (confirmingWithdrawal ? (
          <div role="group" aria-label={format(messages.papers.withdraw, { organisation: signedOwn.organisationName })}>
            <p>{format(messages.papers.withdrawConfirm, { organisation: signedOwn.organisationName })}</p>
            <button type="button" className="button button--danger" onClick={() => void withdraw(signedOwn.organisationId)} disabled={busy}>
              {messages.papers.withdrawYes}
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirmingWithdrawal(false)} disabled={busy}>
              {messages.papers.withdrawNo}
            </button>
          </div>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmingWithdrawal(true)}>
            {format(messages.papers.withdraw, { organisation: signedOwn.organisationName })}
          </button>
        ))}
      {problem && <p role="alert">{problem}</p>}
      <ul className="declaration__signed" aria-label={messages.papers.publicSignatories}>
        {view.partners
          .filter((p) => p.signature)
          .map((p) => (
            <li key={p.organisationId}>
              <strong>{p.organisationName}</strong>:{' '}
              {format(messages.papers.signedBy, {
                title: p.signature!.signerTitle,
                name: p.signature!.userName,
                when: formatDate(p.signature!.signedAt.slice(0, 10)),
              })}
            </li>
          ))}
      </ul>
      {missing.length === 0 ? (
        <p>{messages.papers.allSigned}</p>
      ) : (
        <>
          <h3 className="declaration__subtitle">{messages.papers.missing}</h3>
          <ul className="declaration__missing" aria-label={messages.papers.missing}>
            {missing.map((p) => (
              <li key={p.organisationId}>{p.organisationName}</li>
            ))}
          </ul>
        </>
      )}
      {view.withdrawals.length > 0 && (
        <>
          <h3 className="declaration__subtitle">{messages.papers.withdrawalsTitle}</h3>
          <ul className="declaration__withdrawn" aria-label={messages.papers.withdrawalsTitle}>
            {view.withdrawals.map((w) => (
              <li key={`${w.organisationId}:${w.withdrawnAt}`}>
                {format(messages.papers.withdrawnBy, {
                  organisation: w.organisationName,
                  title: w.signerTitle,
                  signer: w.signedByName,
                  signed: formatDate(w.signedAt.slice(0, 10)),
                  withdrawer: w.withdrawnByName,
                  withdrawn: formatDate(w.withdrawnAt.slice(0, 10)),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
