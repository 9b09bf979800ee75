import { ApiRequestError } from '../api/client.js';
import { messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { Link } from './Link.js';

interface LoadFailureProps {
  error: Error;
  onRetry: () => void;
  /** The failure is all the screen has to show, so it carries the page's heading. */
  standalone?: boolean;
}

/**
 * Says what went wrong in the server's own words, and offers the way out that fits: trying
 * again helps with a lost line, not with a case that does not exist.
 */
export function LoadFailure({ error, onRetry, standalone = false }: LoadFailureProps) {
  const missing = error instanceof ApiRequestError && error.notFound;
  const title = missing ? messages.errors.notFoundTitle : messages.errors.loadFailed;
  return (
    <div className="notice notice--error" role="alert">
      {standalone ? <h1 className="notice__title">{title}</h1> : <p className="notice__title">{title}</p>}
      <p>{error.message}</p>
      <p className="notice__actions">
        {!missing && (
          <button type="button" className="button" onClick={onRetry}>
            {messages.common.retry}
          </button>
        )}
        <Link href={paths.start()}>{messages.errors.backToStart}</Link>
      </p>
    </div>
  );
}
