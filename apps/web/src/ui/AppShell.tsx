import { useEffect, useRef, type ReactNode } from 'react';
import { messages } from '../i18n/messages.js';
import { SearchBox } from '../search/SearchBox.js';
import { AccountMenu } from '../session/AccountMenu.js';
import { NotificationBell } from '../notifications/NotificationBell.js';
import { paths } from '../routing.js';
import { Link } from './Link.js';
import styles from './AppShell.module.css';

/**
 * The frame around every screen. After an in-app navigation focus moves to the new content,
 * as a full page load would, so keyboard and screen-reader users start at the top of it.
 */
export function AppShell({ pathname, children }: { pathname: string; children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);

  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a className={styles.skipLink} href="#main">
        {messages.app.skipToContent}
      </a>
      <header className={styles.topbar}>
        <div className={styles.inner}>
          <Link className={styles.brand} href={paths.start()}>
            <span className={styles.mark} aria-hidden="true" />
            <span className={styles.name}>{messages.app.name}</span>
            <span className={styles.tagline}>{messages.app.tagline}</span>
          </Link>
          <SearchBox />
          <NotificationBell />
          <AccountMenu />
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className={styles.main}>
        {children}
      </main>
    </>
  );
}
