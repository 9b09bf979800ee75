import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '@samraad/schema';
import { login } from '../api/client.js';
import { messages } from '../i18n/messages.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import welcome from '../ui/welcome.module.css';

interface LoginPageProps {
  /** The session ended under us: say so, rather than just showing the form again. */
  expired: boolean;
  onSignedIn: (info: SessionInfo) => void;
}

export function LoginPage({ expired, onSignedIn }: LoginPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(messages.login.title);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setProblem(messages.login.missing);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await login({ email, password }));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <main id="main" className={welcome.welcome}>
      <div className={welcome.card}>
        <p className={welcome.brand}>{messages.app.name}</p>
        <h1 className={welcome.title}>{messages.login.title}</h1>
        <p className={welcome.text}>{expired ? messages.login.expired : messages.login.explanation}</p>
        <form className="form" onSubmit={submit} noValidate aria-busy={busy}>
          <FormField
            label={messages.login.email}
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <FormField
            label={messages.login.password}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <FormProblem problem={problem} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {messages.login.submit}
            </button>
          </div>
        </form>
      </div>
    </main>
  );
}
