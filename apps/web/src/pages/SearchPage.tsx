import type { SearchHit } from '@samraad/schema';
import { api, call, cancelledBy } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { format, messages } from '../i18n/messages.js';
import { paths, useLocationSearch } from '../routing.js';
import { Link } from '../ui/Link.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import styles from './SearchPage.module.css';

function fetchSearch(query: string, signal: AbortSignal): Promise<SearchHit[]> {
  return call(api.search.$get({ query: { q: query } }, cancelledBy(signal)), signal);
}

/** Search results: cases, section text and comments, each a link to the case. */
export function SearchPage() {
  const query = new URLSearchParams(useLocationSearch()).get('q') ?? '';
  const results = useResource((signal) => fetchSearch(query, signal), query);
  useDocumentTitle(format(messages.search.documentTitle, { query }));

  return (
    <div className="page">
      <h1 className="page__title">{format(messages.search.title, { query })}</h1>
      {results.state === 'loading' && <Loading />}
      {results.state === 'failed' && <LoadFailure error={results.error} onRetry={results.retry} />}
      {results.state === 'ready' &&
        (results.data.length === 0 ? (
          <p>{messages.search.none}</p>
        ) : (
          <ol className={styles.results}>
            {results.data.map((hit, index) => (
              <li key={index} data-kind={hit.kind}>
                <Link href={paths.case(hit.caseId)}>
                  {format(messages.search.caseTitle, { number: hit.caseNumber, title: hit.caseTitle })}
                </Link>
                <p className={styles.where}>
                  {hit.kind === 'case'
                    ? messages.search.inTitle
                    : format(hit.kind === 'comment' ? messages.search.inComment : messages.search.inSection, {
                        section: hit.sectionTitle ?? '',
                      })}
                </p>
                <p className={styles.snippet}>{hit.snippet}</p>
              </li>
            ))}
          </ol>
        ))}
    </div>
  );
}
