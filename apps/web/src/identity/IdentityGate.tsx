import type { ReactNode } from 'react';
import type { PresenceUser } from '@samraad/schema';
import { messages } from '../i18n/messages.js';
import { NameForm } from './NameForm.js';
import { storeName } from './identityStore.js';
import { useIdentity } from './useIdentity.js';

/**
 * Nobody writes anonymously: the others must see whose caret is whose. So the first visit
 * asks for a name before anything else is shown.
 */
export function IdentityGate({ children }: { children: (user: PresenceUser) => ReactNode }) {
  const user = useIdentity();
  if (user) return <>{children(user)}</>;
  return (
    <main id="main" className="welcome">
      <div className="welcome__card">
        <p className="welcome__brand">{messages.app.name}</p>
        <h1 className="welcome__title">{messages.identity.prompt}</h1>
        <p className="welcome__text">{messages.identity.explanation}</p>
        <NameForm submitLabel={messages.identity.start} onSubmit={storeName} />
      </div>
    </main>
  );
}
