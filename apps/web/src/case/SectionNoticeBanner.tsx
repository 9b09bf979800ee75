import { format, messages } from '../i18n/messages.js';
import { SERVER_CLOSE } from '../editor/sectionConnection.js';
import type { SectionNotice } from '../editor/useSectionConnections.js';

function sentence(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) return '';
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

/**
 * What the server said when it refused something in this section. The section stays
 * read-only until the person asks to try again: trying again by itself is what used to loop.
 */
export function SectionNoticeBanner({ notice, onRetry }: { notice: SectionNotice; onRetry: () => void }) {
  const { close } = notice;
  const text =
    close.code === SERVER_CLOSE.tooLarge || close.code === SERVER_CLOSE.documentTooLarge
      ? messages.refusal.tooLarge
      : close.code === SERVER_CLOSE.missingDependencies
        ? messages.refusal.missingDependencies
        : close.code === SERVER_CLOSE.contentRefused
          ? format(messages.refusal.contentRefused, { reason: sentence(close.reason) })
          : close.code === SERVER_CLOSE.tooManySockets
            ? messages.refusal.tooManySockets
            : close.code === SERVER_CLOSE.forbidden
              ? format(messages.refusal.forbidden, { reason: sentence(close.reason) })
              : format(messages.refusal.writeRefused, { reason: sentence(close.reason) });
  return (
    <div className="notice notice--error section-notice" role="alert">
      <p>{text}</p>
      {notice.gaveUp && <p>{messages.refusal.gaveUp}</p>}
      <button type="button" className="button button--quiet" onClick={onRetry}>
        {messages.common.retry}
      </button>
    </div>
  );
}
