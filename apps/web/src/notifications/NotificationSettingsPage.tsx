import { useState, type FormEvent } from 'react';
import { MAIL_DELIVERIES, NOTIFICATION_KINDS, type MailDelivery, type MailSettings } from '@samraad/schema';
import { useResource } from '../api/useResource.js';
import { format, messages } from '../i18n/messages.js';
import { useSession } from '../session/SessionContext.js';
import { FormProblem } from '../ui/FormProblem.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { SelectField } from '../ui/SelectField.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { fetchCalendarUrl, fetchDevMailbox, fetchMailSettings, saveMailSettings } from './notificationsApi.js';

const text = messages.notifications;
const deliveryOptions = MAIL_DELIVERIES.map((value) => ({ value, label: text.deliveries[value] }));

/** "Varsler": mail per kind of notice, the calendar feed, and for administrators the development mailbox. */
export function NotificationSettingsPage() {
  useDocumentTitle(text.settingsTitle);
  const { info } = useSession();
  const isAdmin = info.memberships.some((m) => m.role === 'admin');
  return (
    <div className="page">
      <h1>{text.settingsTitle}</h1>
      <MailSettingsForm />
      <CalendarFeed />
      {isAdmin && <DevMailbox />}
    </div>
  );
}

function MailSettingsForm() {
  const loaded = useResource((signal) => fetchMailSettings(signal), 'mail-settings');
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailure error={loaded.error} onRetry={loaded.retry} />;
  return <MailSettingsFields initial={loaded.data} />;
}

function MailSettingsFields({ initial }: { initial: MailSettings }) {
  const [settings, setSettings] = useState(initial);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(null);
    setProblem(null);
    try {
      setSettings(await saveMailSettings(settings));
      setStatus(text.saved);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <section aria-labelledby="mail-settings-title">
      <h2 id="mail-settings-title">{text.mailHeading}</h2>
      <p>{text.mailIntro}</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {NOTIFICATION_KINDS.map((kind) => (
          <SelectField
            key={kind}
            label={text.kinds[kind]}
            options={deliveryOptions}
            value={settings[kind]}
            onChange={(event) => setSettings({ ...settings, [kind]: event.target.value as MailDelivery })}
          />
        ))}
        <button type="submit" className="button button--primary">
          {text.save}
        </button>
        <p role="status">{status}</p>
        <FormProblem problem={problem} />
      </form>
    </section>
  );
}

function CalendarFeed() {
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">{text.calendarHeading}</h2>
      <p>{text.calendarIntro}</p>
      {url ? (
        <label className="form__field">
          <span className="form__label">{text.calendarUrl}</span>
          <input className="form__input" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
        </label>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() =>
            void fetchCalendarUrl().then(
              (answer) => setUrl(answer.url),
              (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
            )
          }
        >
          {text.calendarShow}
        </button>
      )}
      <FormProblem problem={problem} />
    </section>
  );
}

function DevMailbox() {
  const mails = useResource((signal) => fetchDevMailbox(signal), 'dev-mailbox');
  const when = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section aria-labelledby="mailbox-title">
      <h2 id="mailbox-title">{text.mailboxHeading}</h2>
      <p>{text.mailboxIntro}</p>
      {mails.state === 'loading' && <Loading />}
      {mails.state === 'failed' && <LoadFailure error={mails.error} onRetry={mails.retry} />}
      {mails.state === 'ready' &&
        (mails.data.length === 0 ? (
          <p>{text.mailboxEmpty}</p>
        ) : (
          <ul>
            {mails.data.map((mail) => (
              <li key={mail.id}>
                <article aria-label={mail.subject}>
                  <h3>{mail.subject}</h3>
                  <p>
                    {mail.recipient} ·{' '}
                    {mail.sentAt
                      ? format(text.mailboxSent, { when: when.format(new Date(mail.sentAt)) })
                      : text.mailboxWaiting}
                  </p>
                  <pre>{mail.text}</pre>
                </article>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
