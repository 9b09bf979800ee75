import { useState } from 'react';
import type { DeclarationText, DeclarationView } from '@samraad/schema';
import { useResource } from '../api/useResource.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import { format, formatPlural, messages } from '../i18n/messages.js';
import { useSession } from '../session/SessionContext.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { SectionBlockView } from '../ui/SectionBlocks.js';
import { fetchDeclaration, signDeclaration, withdrawSignature } from './declarationsApi.js';
import panel from '../ui/panel.module.css';
import styles from './DeclarationPanel.module.css';

/** The declaration text as it is signed: each section's title and its paragraphs. */
function DeclarationTextView({ text }: { text: DeclarationText }) {
  return (
    <div className={styles.text}>
      {text.sections.map((section) => (
        <section key={section.sectionId} aria-label={section.title}>
          <h4>{section.title}</h4>
          {section.blocks.map((block, index) => (
            <SectionBlockView key={index} block={block} />
          ))}
        </section>
      ))}
    </div>
  );
}

/**
 * Who has signed a declaration and who is missing, and the button to sign for one's own
 * organisation when decideDeclarationSigning (on the server) allows it. Nothing for an
 * ordinary case.
 */
export function DeclarationPanel({ caseId, status }: { caseId: string; status: string }) {
  // Reloaded when the case moves on: signing opens once the wording is agreed.
  const loaded = useResource((signal) => fetchDeclaration(caseId, signal), `${caseId}:${status}`);
  const [signedView, setSignedView] = useState<DeclarationView | null>(null);
  const { info } = useSession();
  const [busy, setBusy] = useState(false);
  /** Which act waits for its confirmation. */
  const [confirming, setConfirming] = useState<'sign' | 'withdraw' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const view = signedView ?? (loaded.state === 'ready' ? loaded.data : null);
  if (!view || !view.isDeclaration) return null;

  /** Runs a signing action and shows the declaration as the server returns it, or why it failed. */
  const act = async (action: () => Promise<DeclarationView>, failure: string): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      setSignedView(await action());
    } catch (error) {
      setProblem(format(failure, { message: (error as Error).message }));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };
  const own = view.partners.find((p) => p.organisationId === view.canSignFor);
  // Bound to the text shown in the dialog: if it changed meanwhile, the server refuses.
  const sign = (organisationId: string, text: DeclarationText) =>
    act(() => signDeclaration(caseId, { organisationId, contentHash: text.contentHash }), messages.papers.signFailed);
  const signedOwn = view.partners.find((p) => p.organisationId === view.canWithdrawFor);
  const withdraw = (organisationId: string) =>
    act(() => withdrawSignature(caseId, organisationId), messages.papers.withdrawFailed);
  const missing = view.partners.filter((p) => !p.signature);

  return (
    <section className={panel.panel} aria-labelledby="declaration-title">
      <h2 id="declaration-title" className={panel.title}>
        {messages.papers.declarationTitle}
      </h2>
      <p className={styles.intro}>{messages.papers.declarationIntro}</p>
      <p className={styles.count} role="status">
        {formatPlural(messages.papers.signedCount, view.partners.length, {
          signed: view.signedCount,
          total: view.partners.length,
        })}
      </p>
      {own && view.text && (
        <button type="button" className="button button--primary" onClick={() => setConfirming('sign')} disabled={busy}>
          {busy ? messages.papers.signing : format(messages.papers.sign, { organisation: own.organisationName })}
        </button>
      )}
      {confirming === 'sign' && own && view.text && (
        <ConfirmDialog
          title={format(messages.papers.signTitle, { organisation: own.organisationName })}
          confirmLabel={messages.papers.signConfirm}
          busy={busy}
          onConfirm={() => void sign(own.organisationId, view.text!)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {format(messages.papers.signAs, {
              organisation: own.organisationName,
              name: info.user.name,
              title: info.user.title ?? '',
            })}
          </p>
          <p>{messages.papers.signBinds}</p>
          <h3 className={styles.subtitle}>{messages.papers.textToSign}</h3>
          <DeclarationTextView text={view.text} />
        </ConfirmDialog>
      )}
      {!own && view.refusal === 'not-agreed' && <p>{messages.papers.notAgreed}</p>}
      {!own && view.refusal === 'no-title' && <p>{messages.papers.noTitle}</p>}
      {signedOwn && (
        <button type="button" className="button" onClick={() => setConfirming('withdraw')} disabled={busy}>
          {format(messages.papers.withdraw, { organisation: signedOwn.organisationName })}
        </button>
      )}
      {confirming === 'withdraw' && signedOwn && (
        <ConfirmDialog
          title={format(messages.papers.withdrawTitle, { organisation: signedOwn.organisationName })}
          confirmLabel={messages.papers.withdrawYes}
          tone="danger"
          busy={busy}
          onConfirm={() => void withdraw(signedOwn.organisationId)}
          onCancel={() => setConfirming(null)}
        >
          <p>{format(messages.papers.withdrawConfirm, { organisation: signedOwn.organisationName })}</p>
        </ConfirmDialog>
      )}
      {problem && <p role="alert">{problem}</p>}
      <ul className={styles.partners} aria-label={messages.papers.publicSignatories}>
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
              {p.signature!.contentHash === null && ` ${messages.papers.unbound}`}
            </li>
          ))}
      </ul>
      {view.text?.sealedAt && (
        <details>
          <summary>{messages.papers.signedText}</summary>
          <p>{format(messages.papers.sealedAt, { when: formatDateTime(view.text.sealedAt) })}</p>
          <DeclarationTextView text={view.text} />
        </details>
      )}
      {missing.length === 0 ? (
        <p>{messages.papers.allSigned}</p>
      ) : (
        <>
          <h3 className={styles.subtitle}>{messages.papers.missing}</h3>
          <ul className={styles.partners} aria-label={messages.papers.missing}>
            {missing.map((p) => (
              <li key={p.organisationId}>{p.organisationName}</li>
            ))}
          </ul>
        </>
      )}
      {view.withdrawals.length > 0 && (
        <>
          <h3 className={styles.subtitle}>{messages.papers.withdrawalsTitle}</h3>
          <ul aria-label={messages.papers.withdrawalsTitle}>
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
