import { fetchCommunities } from '../api/client.js';
import { MyMentions } from '../comments/MyMentions.js';
import { MyOverview } from '../overview/MyOverview.js';
import { useResource } from '../api/useResource.js';
import { format, messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { Link } from '../ui/Link.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import styles from './StartPage.module.css';

/** Where everyone starts: the helsefellesskap this instance hosts. */
export function StartPage() {
  const communities = useResource((signal) => fetchCommunities(signal), 'communities');
  useDocumentTitle(messages.start.title);

  return (
    <div className="page">
      <h1 className="page__title">{messages.start.title}</h1>
      <p className="page__intro">{messages.start.intro}</p>
      {communities.state === 'loading' && <Loading />}
      {communities.state === 'failed' && <LoadFailure error={communities.error} onRetry={communities.retry} />}
      {communities.state === 'ready' &&
        (communities.data.length === 0 ? (
          <p>{messages.start.empty}</p>
        ) : (
          <ul className={styles.communities}>
            {communities.data.map((community) => (
              <li key={community.id} className={styles.card}>
                <Link className={styles.cardLink} href={paths.community(community.id)}>
                  {community.name}
                </Link>
                <p className={styles.cardMeta}>
                  {format(messages.start.hospital, { hospital: community.hospitalName })}
                </p>
              </li>
            ))}
          </ul>
        ))}
      <MyOverview />
      <MyMentions />
    </div>
  );
}
