import { CLOSE_CODES } from '@samraad/schema';
import { asSentence as sentence, format, messages } from '../i18n/messages.js';
import type { SectionNotice } from '../editor/useSectionConnections.js';

/**
 * What the server said when it refused something in this section. The section stays
 * read-only until the person asks to try again: trying again by itself is what used to loop.
 */
export function SectionNoticeBanner({ notice, onRetry }: { notice: SectionNotice; onRetry: () => void }) {
  const { close } = notice;
  const text =
    close.code === CLOSE_CODES.tooLarge || close.code === CLOSE_CODES.documentTooLarge
      ? messages.refusal.tooLarge
      : close.code === CLOSE_CODES.missingDependencies
        ? messages.refusal.missingDependencies
        : close.code === CLOSE_CODES.contentRefused
          ? format(messages.refusal.contentRefused, { reason: sentence(close.reason) })
          : close.code === CLOSE_CODES.tooManySockets
            ? messages.refusal.tooManySockets
            : close.code === CLOSE_CODES.forbidden
              ? format(messages.refusal.forbidden, { reason: sentence(close.reason) })
              : format(messages.refusal.writeRefused, { reason: sentence(close.reason) });
  return (
    <div className="notice notice--error" role="alert">
      <p>{text}</p>
      {notice.gaveUp && <p>{messages.refusal.gaveUp}</p>}
      <button type="button" className="button button--quiet" onClick={onRetry}>
        {messages.common.retry}
      </button>
    </div>
  );
}
