import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { format, messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { Link } from '../ui/Link.js';
import styles from './NotificationBell.module.css';
import { useNotifications } from './useNotifications.js';

const when = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'short' });

/**
 * The bell in the top bar: how many notices are unread, live, and a list of them, each a link
 * to the exact place it is about. A disclosure: Enter or Space opens it, Escape closes it and
 * gives focus back to the bell.
 */
export function NotificationBell() {
  const { items, unread, failed, markRead, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    button.current?.focus();
  }

  const label =
    unread > 0 ? format(messages.notifications.bellUnread, { count: String(unread) }) : messages.notifications.bell;

  return (
    <div className={styles.bell} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className={`button button--quiet ${styles.button}`}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        data-testid="notification-bell"
        onClick={() => setOpen((was) => !was)}
      >
        <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 && (
          <span className={styles.count} aria-hidden="true" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div ref={panel} id={panelId} className={styles.panel} hidden={!open} role="region" aria-labelledby={titleId}>
        <div className={styles.header}>
          <h2 id={titleId} className={styles.title}>
            {messages.notifications.title}
          </h2>
          <button
            type="button"
            className="button button--small"
            disabled={unread === 0}
            onClick={() => void markAllRead()}
          >
            {messages.notifications.markAllRead}
          </button>
        </div>
        <p className={styles.settings}>
          <Link href={paths.notificationSettings()} onClick={() => setOpen(false)}>
            {messages.notifications.settingsLink}
          </Link>
        </p>
        {failed && <p role="alert">{messages.notifications.loadFailed}</p>}
        {items.length === 0 ? (
          <p className={styles.empty}>{messages.notifications.empty}</p>
        ) : (
          <ul className={styles.list}>
            {items.map((notice) => (
              <li key={notice.id} className={notice.readAt ? styles.item : `${styles.item} ${styles.unread}`}>
                <Link
                  href={notice.link}
                  className={styles.link}
                  data-notification-kind={notice.kind}
                  onClick={() => {
                    setOpen(false);
                    if (!notice.readAt) void markRead(notice.id);
                  }}
                >
                  {!notice.readAt && <span className="visually-hidden">{messages.notifications.unread}: </span>}
                  <span className={styles.itemTitle}>{notice.title}</span>
                  {notice.body && <span className={styles.itemBody}>{notice.body}</span>}
                  <time className={styles.time} dateTime={notice.createdAt}>
                    {when.format(new Date(notice.createdAt))}
                  </time>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      <span className="visually-hidden" aria-live="polite">
        {unread > 0 ? label : ''}
      </span>
    </div>
  );
}
