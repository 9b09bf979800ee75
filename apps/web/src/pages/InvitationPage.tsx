import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type InvitationView, type SessionInfo } from '@samraad/schema';
import { acceptInvitation, confirmInvitation, fetchInvitation } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { format, messages, roleLabel } from '../i18n/messages.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import welcome from '../ui/welcome.module.css';

interface InvitationPageProps {
  token: string;
  /** Who is logged in in this browser, if anyone. */
  signedIn: SessionInfo | null;
  /** Shows the ordinary login page; after it the person is back here. */
  onLogIn: () => void;
  onSignOut: () => void;
  onAccepted: (info: SessionInfo, communityName: string) => void;
}

/**
 * Where a one-time invitation link lands. A new person chooses a name and password here.
 * Someone who already has an account logs in as usual, as the invited e-mail, and then
 * confirms: the link never takes a password for an existing account, so whoever holds it
 * cannot test or use one.
 */
export function InvitationPage({ token, signedIn, onLogIn, onSignOut, onAccepted }: InvitationPageProps) {
  const invitation = useResource((signal) => fetchInvitation(token, signal), token);
  useDocumentTitle(messages.invitation.title);

  return (
    <main id="main" className={welcome.welcome}>
      <div className={welcome.card}>
        <p className={welcome.brand}>{messages.app.name}</p>
        <h1 className={welcome.title}>{messages.invitation.title}</h1>
        {invitation.state === 'loading' && <Loading />}
        {invitation.state === 'failed' && (
          <div className="notice notice--error" role="alert">
            <p>{invitation.error.message}</p>
          </div>
        )}
        {invitation.state === 'ready' && (
          <>
            <p className={welcome.text}>
              {format(messages.invitation.explanation, {
                community: invitation.data.communityName,
                role: roleLabel(invitation.data.role),
                where: invitation.data.organisationName ?? invitation.data.communityName,
              })}
            </p>
            {signedIn ? (
              <ConfirmAs
                token={token}
                invitation={invitation.data}
                signedIn={signedIn}
                onSignOut={onSignOut}
                onAccepted={onAccepted}
              />
            ) : (
              <NewAccountForm token={token} invitation={invitation.data} onLogIn={onLogIn} onAccepted={onAccepted} />
            )}
          </>
        )}
      </div>
    </main>
  );
}

type Accepted = Pick<InvitationPageProps, 'onAccepted'>;

function ConfirmAs({
  token,
  invitation,
  signedIn,
  onSignOut,
  onAccepted,
}: { token: string; invitation: InvitationView; signedIn: SessionInfo } & Accepted &
  Pick<InvitationPageProps, 'onSignOut'>) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (signedIn.user.email !== invitation.email) {
    return (
      <>
        <p className={welcome.text}>
          {format(messages.invitation.otherAccount, { current: signedIn.user.email, email: invitation.email })}
        </p>
        <div className="form__actions">
          <button type="button" className="button button--primary" onClick={onSignOut}>
            {messages.invitation.logOut}
          </button>
        </div>
      </>
    );
  }

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      onAccepted(await confirmInvitation(token), invitation.communityName);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <>
      <p className={welcome.text}>{format(messages.invitation.confirmAs, { email: invitation.email })}</p>
      <FormProblem problem={problem} />
      <div className="form__actions">
        <button type="button" className="button button--primary" disabled={busy} aria-busy={busy} onClick={confirm}>
          {messages.invitation.accept}
        </button>
      </div>
    </>
  );
}

function NewAccountForm({
  token,
  invitation,
  onLogIn,
  onAccepted,
}: { token: string; invitation: InvitationView } & Accepted & Pick<InvitationPageProps, 'onLogIn'>) {
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < PASSWORD_MIN_LENGTH) {
      setProblem(format(messages.invitation.passwordTooShort, { min: PASSWORD_MIN_LENGTH }));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onAccepted(await acceptInvitation(token, { name, password }), invitation.communityName);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <>
      <p className={welcome.text}>{format(messages.invitation.newAccount, { email: invitation.email })}</p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <FormField label={messages.login.email} type="email" value={invitation.email} readOnly />
        <FormField
          label={messages.invitation.name}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <FormField
          label={messages.invitation.newPassword}
          hint={format(messages.invitation.passwordHint, { min: PASSWORD_MIN_LENGTH })}
          type="password"
          name="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <FormProblem problem={problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {messages.invitation.accept}
          </button>
        </div>
      </form>
      <p className={welcome.text}>{format(messages.invitation.haveAccount, { email: invitation.email })}</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={onLogIn}>
          {messages.invitation.logInToAccept}
        </button>
      </div>
    </>
  );
}
