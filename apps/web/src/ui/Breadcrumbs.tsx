import { messages } from '../i18n/messages.js';
import { Link } from './Link.js';
import styles from './Breadcrumbs.module.css';

export interface Crumb {
  label: string;
  href?: string;
}

/** The trail back to the community and the start page; the last crumb is where you are. */
export function Breadcrumbs({ crumbs }: { crumbs: readonly Crumb[] }) {
  return (
    <nav className={styles.breadcrumbs} aria-label={messages.app.breadcrumbs}>
      <ol className={styles.trail}>
        {crumbs.map((crumb, index) => (
          <li key={index}>
            {crumb.href ? <Link href={crumb.href}>{crumb.label}</Link> : <span aria-current="page">{crumb.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
