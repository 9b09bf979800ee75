import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, type InvitationView, type SessionInfo } from '@samraad/schema';
import { acceptInvitation, fetchInvitation } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { format, messages, roleLabel } from '../i18n/messages.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

interface InvitationPageProps {
  token: string;
  onAccepted: (info: SessionInfo, communityName: string) => void;
}

/**
 * Where a one-time invitation link lands. A new person chooses a password; someone who already
 * has an account confirms with theirs and gains the new membership.
 */
export function InvitationPage({ token, onAccepted }: InvitationPageProps) {
  const invitation = useResource((signal) => fetchInvitation(token, signal), token);
  useDocumentTitle(messages.invitation.title);

  return (
    <main id="main" className="welcome">
      <div className="welcome__card">
        <p className="welcome__brand">{messages.app.name}</p>
        <h1 className="welcome__title">{messages.invitation.title}</h1>
        {invitation.state === 'loading' && <Loading />}
        {invitation.state === 'failed' && (
          <div className="notice notice--error" role="alert">
            <p>{invitation.error.message}</p>
          </div>
        )}
        {invitation.state === 'ready' && (
          <AcceptForm token={token} invitation={invitation.data} onAccepted={onAccepted} />
        )}
      </div>
    </main>
  );
}

function AcceptForm({ token, invitation, onAccepted }: { token: string; invitation: InvitationView } & Pick<InvitationPageProps, 'onAccepted'>) {
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const where = invitation.organisationName ?? invitation.communityName;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!invitation.existingAccount && password.length < PASSWORD_MIN_LENGTH) {
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
      <p className="welcome__text">
        {format(messages.invitation.explanation, {
          community: invitation.communityName,
          role: roleLabel(invitation.role),
          where,
        })}
      </p>
      <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
        <FormField label={messages.login.email} type="email" value={invitation.email} readOnly />
        {!invitation.existingAccount && (
          <FormField
            label={messages.invitation.name}
            name="name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        )}
        <FormField
          label={invitation.existingAccount ? messages.invitation.existingPassword : messages.invitation.newPassword}
          hint={invitation.existingAccount ? undefined : format(messages.invitation.passwordHint, { min: PASSWORD_MIN_LENGTH })}
          type="password"
          name="password"
          autoComplete={invitation.existingAccount ? 'current-password' : 'new-password'}
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
    </>
  );
}
