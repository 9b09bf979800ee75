import { fetchMentions } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { format, messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { Link } from '../ui/Link.js';
import styles from './MyMentions.module.css';

/** "Mine": the threads where someone @-mentioned me, newest first, each a link to its case. */
export function MyMentions() {
  const mentions = useResource((signal) => fetchMentions(signal), 'mentions');
  return (
    <section className={styles.mentions} aria-labelledby="mentions-title">
      <h2 id="mentions-title">{messages.comments.mine}</h2>
      {mentions.state === 'ready' &&
        (mentions.data.length === 0 ? (
          <p>{messages.comments.mineEmpty}</p>
        ) : (
          <ul>
            {mentions.data.map(({ thread, caseNumber, caseTitle, sectionTitle }) => (
              <li key={thread.id}>
                <Link href={paths.case(thread.caseId)}>
                  {format(messages.comments.mineItem, { number: caseNumber, title: caseTitle, section: sectionTitle })}
                </Link>
                <p>«{thread.quote}»</p>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
