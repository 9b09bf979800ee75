import { messages } from '../i18n/messages.js';
import type { ConnectionState } from './connectionState.js';

/** A polite live region: screen readers hear about a lost line without being interrupted. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <div className={`connection connection--${state}`} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{messages.connection[state]}</span>
      {state === 'offline' && <p className="connection__hint">{messages.connection.offlineHint}</p>}
    </div>
  );
}
