import { useState, type FormEvent } from 'react';
import { updateProfile } from '../api/client.js';
import { format, messages, membershipLabel } from '../i18n/messages.js';
import { PersonDot } from '../identity/PersonDot.js';
import { useSession } from './SessionContext.js';
import { presenceUserOf } from './presenceUser.js';
import styles from './AccountMenu.module.css';

/** Who is logged in, under which title, in which capacity, and the way out. */
export function AccountMenu() {
  const { info, signOut } = useSession();
  const colour = presenceUserOf(info).color;
  const [editing, setEditing] = useState(false);
  return (
    <div className={styles.account}>
      <span className={styles.who}>
        <span>
          <span className="visually-hidden">{messages.account.loggedInAs} </span>
          <PersonDot colour={colour} /> {info.user.name}
        </span>
        {info.user.title && <span className={styles.title}>{info.user.title}</span>}
        {info.memberships.map((membership) => (
          <span key={membership.communityId} className={styles.role}>
            {membershipLabel(membership)}
          </span>
        ))}
      </span>
      {editing ? (
        <TitleForm onDone={() => setEditing(false)} />
      ) : (
        <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
          {info.user.title ? messages.account.editTitle : messages.account.setTitle}
        </button>
      )}
      <button type="button" className="button button--quiet" onClick={() => void signOut()}>
        {messages.account.logout}
      </button>
    </div>
  );
}

/** The person's own title, printed under their signature on a declaration. */
function TitleForm({ onDone }: { onDone: () => void }) {
  const { info, updated } = useSession();
  const [title, setTitle] = useState(info.user.title ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      updated(await updateProfile({ title }));
      onDone();
    } catch (error) {
      setProblem(format(messages.account.titleFailed, { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.titleForm} onSubmit={(event) => void save(event)}>
      <label htmlFor="account-title">{messages.account.titleLabel}</label>
      <input
        id="account-title"
        className="form__input"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        autoFocus
        maxLength={100}
      />
      <button type="submit" className="button button--small" disabled={busy}>
        {messages.account.saveTitle}
      </button>
      <button type="button" className="button button--small" onClick={onDone} disabled={busy}>
        {messages.account.cancelTitle}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}
