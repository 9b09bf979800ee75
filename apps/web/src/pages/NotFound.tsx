import { messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { Link } from '../ui/Link.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';

export function NotFound() {
  useDocumentTitle(messages.errors.notFoundTitle);
  return (
    <div className="page">
      <h1 className="page__title">{messages.errors.notFoundTitle}</h1>
      <p>{messages.errors.notFoundBody}</p>
      <p>
        <Link href={paths.start()}>{messages.errors.backToStart}</Link>
      </p>
    </div>
  );
}
