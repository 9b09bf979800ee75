import { format, messages } from '../i18n/messages.js';
import { SERVER_CLOSE, type ServerClose } from '../editor/sectionConnection.js';

function sentence(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) return '';
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

/** What the server said when it refused something in this section, until dismissed. */
export function SectionNoticeBanner({ close, onDismiss }: { close: ServerClose; onDismiss: () => void }) {
  const text =
    close.code === SERVER_CLOSE.tooLarge || close.code === SERVER_CLOSE.documentTooLarge
      ? messages.refusal.tooLarge
      : close.code === SERVER_CLOSE.tooManySockets
        ? messages.refusal.tooManySockets
      : close.code === SERVER_CLOSE.forbidden
        ? format(messages.refusal.forbidden, { reason: sentence(close.reason) })
        : format(messages.refusal.writeRefused, { reason: sentence(close.reason) });
  return (
    <div className="notice notice--error section-notice" role="alert">
      <p>{text}</p>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        {messages.common.dismiss}
      </button>
    </div>
  );
}
