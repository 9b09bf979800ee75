import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '@samraad/schema';
import { fetchSession, logout, setCsrfToken } from '../api/client.js';
import { messages } from '../i18n/messages.js';
import { clearBrowserStore } from '../offline/browserStore.js';
import { unsentChangesOnPage } from '../offline/useLeaveGuard.js';
import { navigate, paths } from '../routing.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { InvitationPage } from '../pages/InvitationPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { SessionContext, type Session } from './SessionContext.js';
import welcome from '../ui/welcome.module.css';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'ready'; info: SessionInfo }
  | { status: 'failed'; error: Error };

/**
 * Everything except an invitation link needs a login. The login form is shown in place of
 * the page asked for, so after logging in the person is where the link pointed.
 */
export function SessionGate({
  invitationToken,
  children,
}: {
  /** Set when the page is an invitation link, which works without (or instead of) a session. */
  invitationToken: string | null;
  children: (session: Session) => ReactNode;
}) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // On an invitation link: the person chose to log in with an account they already have.
  const [loggingInForInvitation, setLoggingInForInvitation] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (info) => {
        setCsrfToken(info?.csrfToken ?? null);
        setState(info ? { status: 'ready', info } : { status: 'anonymous', expired: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: error as Error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signedIn = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setState({ status: 'ready', info });
  }, []);

  const session = useMemo<Session | null>(() => {
    if (state.status !== 'ready') return null;
    return {
      info: state.info,
      updated: signedIn,
      async signOut() {
        // Logging out deletes the browser's copies (a shared PC), unsent changes with them.
        if (unsentChangesOnPage() > 0 && !window.confirm(messages.offline.logoutUnsent)) return;
        await logout().catch(() => undefined);
        setCsrfToken(null);
        setState({ status: 'anonymous', expired: false });
        navigate(paths.start());
        // After the page has let go of its copies; a copy still open is deleted when it closes.
        await clearBrowserStore();
      },
      lost() {
        setCsrfToken(null);
        setState({ status: 'anonymous', expired: true });
      },
    };
  }, [state, signedIn]);

  if (invitationToken) {
    if (state.status === 'loading') return <Loading />;
    const signedInInfo = state.status === 'ready' ? state.info : null;
    if (loggingInForInvitation && !signedInInfo) {
      // The ordinary login page; once in, the invitation asks them to confirm.
      return <LoginPage expired={false} onSignedIn={signedIn} />;
    }
    return (
      <InvitationPage
        token={invitationToken}
        signedIn={signedInInfo}
        onLogIn={() => setLoggingInForInvitation(true)}
        onSignOut={() => {
          void logout()
            .catch(() => undefined)
            .then(() => {
              setCsrfToken(null);
              setState({ status: 'anonymous', expired: false });
            });
        }}
        onAccepted={(info, communityName) => {
          signedIn(info);
          const joined = info.memberships.find((membership) => membership.communityName === communityName);
          navigate(joined ? paths.community(joined.communityId) : paths.start());
        }}
      />
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <main id="main" className={welcome.welcome}>
        <LoadFailure error={state.error} onRetry={() => setAttempt((count) => count + 1)} standalone />
      </main>
    );
  }
  if (!session) return <LoginPage expired={state.status === 'anonymous' && state.expired} onSignedIn={signedIn} />;
  return <SessionContext.Provider value={session}>{children(session)}</SessionContext.Provider>;
}
