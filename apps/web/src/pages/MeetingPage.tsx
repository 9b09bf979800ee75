import {
  actorIn,
  decideMeetingManagement,
  MeetingStatusSchema,
  type AgendaItem,
  type Case,
  type MeetingDetail,
  type MeetingStatus,
} from '@samraad/schema';
import { useState, type DragEvent } from 'react';
import { fetchCases, fetchPeople } from '../api/client.js';
import { SummonsPicker } from '../meetings/SummonsPicker.js';
import { MeetingWhenFields, type MeetingWhen } from '../meetings/MeetingWhenFields.js';
import { useResource } from '../api/useResource.js';
import { KindBadge, StatusBadge } from '../case/CaseBadges.js';
import { formatDate } from '../i18n/format.js';
import { format, formatPlural, messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { useSession } from '../session/SessionContext.js';
import { Breadcrumbs } from '../ui/Breadcrumbs.js';
import { FormProblem } from '../ui/FormProblem.js';
import { Link } from '../ui/Link.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { moveItem } from '../meetings/agendaOrder.js';
import { placeLabel } from '../meetings/place.js';
import { meetingMessages as m } from '../meetings/meetingMessages.js';
import { fetchMeeting, openMinutes, pullDecisions, saveAgenda, updateMeeting } from '../meetings/meetingsApi.js';
import { ExportLinks } from '../export/ExportLinks.js';
import styles from './MeetingPage.module.css';

/** One meeting: its agenda (saksliste), which the secretariat orders, and its minutes. */
export function MeetingPage({ meetingId }: { meetingId: string }) {
  const loaded = useResource(async (signal) => {
    const detail = await fetchMeeting(meetingId, signal);
    return { detail, cases: await fetchCases(detail.meeting.communityId, signal) };
  }, meetingId);
  useDocumentTitle(
    loaded.state === 'ready'
      ? format(m.pageTitle, { body: loaded.data.detail.body.name, date: formatDate(loaded.data.detail.meeting.date) })
      : m.listTitle,
  );
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailure error={loaded.error} onRetry={loaded.retry} standalone />;
  return <MeetingView initial={loaded.data.detail} cases={loaded.data.cases} />;
}

function MeetingView({ initial, cases }: { initial: MeetingDetail; cases: Case[] }) {
  const [detail, setDetail] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [pulledMessage, setPulledMessage] = useState('');
  const { info } = useSession();
  const { meeting, body, agenda } = detail;
  const mayManage = decideMeetingManagement(actorIn(info.memberships, meeting.communityId)).allowed;

  async function run(work: () => Promise<MeetingDetail | void>) {
    setProblem(null);
    try {
      const next = await work();
      if (next) setDetail(next);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  /** Shows the new order at once and saves it; the server's answer is what stays. */
  function reorder(next: AgendaItem[], moved?: AgendaItem) {
    const previous = detail;
    setDetail({ ...detail, agenda: next.map((item, position) => ({ ...item, position })) });
    if (moved) setAnnouncement(format(m.moved, { number: moved.number, position: next.indexOf(moved) + 1 }));
    void run(async () => {
      try {
        return await saveAgenda(
          meeting.id,
          next.map((item) => item.caseId),
        );
      } catch (error) {
        setDetail(previous);
        throw error;
      }
    });
  }

  const title = format(m.pageTitle, { body: body.name, date: formatDate(meeting.date) });
  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          { label: messages.start.title, href: paths.start() },
          { label: m.listTitle, href: paths.meetings(meeting.communityId) },
          { label: title },
        ]}
      />
      <h1 className="page__title">{title}</h1>
      <p className="page__intro">
        {meeting.startTime ? `kl. ${meeting.startTime}–${meeting.endTime ?? ''}` : m.allDay} ·{' '}
        {placeLabel(meeting.place)} · <span data-testid="meeting-status">{m.status[meeting.status]}</span>
      </p>
      <ExportLinks meetingId={meeting.id} />
      {mayManage && (
        <WhenForm
          key={`${meeting.date} ${meeting.startTime ?? ''} ${meeting.endTime ?? ''}`}
          date={meeting.date}
          startTime={meeting.startTime}
          endTime={meeting.endTime}
          onSave={(when) => run(() => updateMeeting(meeting.id, when))}
        />
      )}
      {mayManage && (
        <StatusForm status={meeting.status} onSave={(status) => run(() => updateMeeting(meeting.id, { status }))} />
      )}
      {mayManage ? (
        <SummonsForm
          key={detail.summoned.map((p) => p.id).join()}
          communityId={meeting.communityId}
          summoned={detail.summoned.map((p) => p.id)}
          onSave={(ids) => run(() => updateMeeting(meeting.id, { summoned: ids }))}
        />
      ) : (
        <p>
          {m.summons.legend}:{' '}
          {detail.summoned.length === 0 ? m.summons.nobody : detail.summoned.map((p) => p.name).join(', ')}
        </p>
      )}
      <FormProblem problem={problem} />
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>

      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{m.agendaTitle}</h2>
        {mayManage && agenda.length > 1 && <p className="form__hint">{m.agendaHelp}</p>}
        {agenda.length === 0 ? (
          <p>{m.agendaEmpty}</p>
        ) : (
          <Agenda agenda={agenda} mayManage={mayManage} onReorder={reorder} />
        )}
        {mayManage && (
          <AddCase
            cases={cases.filter((c) => c.id !== meeting.minutesCaseId && !agenda.some((item) => item.caseId === c.id))}
            onAdd={(caseId) => run(() => saveAgenda(meeting.id, [...agenda.map((item) => item.caseId), caseId]))}
          />
        )}
      </section>

      <section aria-labelledby="minutes-title">
        <h2 id="minutes-title">{m.minutesTitle}</h2>
        <p className="form__hint">{m.minutesExplained}</p>
        {meeting.minutesCaseId ? (
          <p>
            <Link className="button" href={paths.case(meeting.minutesCaseId)}>
              {m.goToMinutes}
            </Link>
          </p>
        ) : (
          <p>{m.minutesNone}</p>
        )}
        {mayManage && !meeting.minutesCaseId && (
          <button type="button" className="button button--primary" onClick={() => run(() => openMinutes(meeting.id))}>
            {m.openMinutes}
          </button>
        )}
        {mayManage && meeting.minutesCaseId && (
          <>
            <p className="form__hint">{m.pullDecisionsHelp}</p>
            <button
              type="button"
              className="button"
              onClick={() =>
                run(async () => {
                  const pulled = await pullDecisions(meeting.id);
                  setPulledMessage(
                    formatPlural(m.pulled, pulled.cases.length, {
                      count: pulled.cases.filter((c) => c.pulled).length,
                      total: pulled.cases.length,
                    }),
                  );
                })
              }
            >
              {m.pullDecisions}
            </button>
            <p role="status">{pulledMessage}</p>
          </>
        )}
      </section>
    </div>
  );
}

function Agenda({
  agenda,
  mayManage,
  onReorder,
}: {
  agenda: AgendaItem[];
  mayManage: boolean;
  onReorder: (next: AgendaItem[], moved?: AgendaItem) => void;
}) {
  const [dragged, setDragged] = useState<number | null>(null);
  const onDrop = (event: DragEvent, to: number) => {
    event.preventDefault();
    if (dragged === null || dragged === to) return;
    onReorder(moveItem(agenda, dragged, to), agenda[dragged]);
    setDragged(null);
  };
  return (
    <ol className={styles.agenda} aria-label={m.agendaTitle}>
      {agenda.map((item, index) => (
        <li
          key={item.caseId}
          className={dragged === index ? `${styles.item} ${styles.dragged}` : styles.item}
          data-case-id={item.caseId}
          draggable={mayManage}
          onDragStart={(event) => {
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', item.caseId);
            setDragged(index);
          }}
          onDragEnd={() => setDragged(null)}
          onDragOver={(event) => mayManage && event.preventDefault()}
          onDrop={(event) => onDrop(event, index)}
        >
          <span className={styles.number}>{format(m.agendaItem, { number: item.number })}</span>
          <Link href={paths.case(item.caseId)} className={styles.title}>
            {item.title}
          </Link>
          <span className={styles.badges}>
            <KindBadge kind={item.kind} /> <StatusBadge status={item.status} />
          </span>
          {mayManage && (
            <span className={styles.actions}>
              <button
                type="button"
                className="button button--quiet"
                aria-label={format(m.moveUpLabel, { number: item.number })}
                disabled={index === 0}
                onClick={() => onReorder(moveItem(agenda, index, index - 1), item)}
              >
                {m.moveUp}
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-label={format(m.moveDownLabel, { number: item.number })}
                disabled={index === agenda.length - 1}
                onClick={() => onReorder(moveItem(agenda, index, index + 1), item)}
              >
                {m.moveDown}
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-label={format(m.removeLabel, { number: item.number })}
                onClick={() => onReorder(agenda.filter((other) => other !== item))}
              >
                {m.remove}
              </button>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

function AddCase({ cases, onAdd }: { cases: Case[]; onAdd: (caseId: string) => void }) {
  const [caseId, setCaseId] = useState('');
  return (
    <form
      className={`form ${styles.inline}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!caseId) return;
        onAdd(caseId);
        setCaseId('');
      }}
    >
      <div className="form__field">
        <label className="form__label" htmlFor="agenda-add">
          {m.addCase}
        </label>
        <select
          id="agenda-add"
          className="form__input form__input--select"
          value={caseId}
          onChange={(e) => setCaseId(e.target.value)}
        >
          <option value="">{m.chooseCase}</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.body} sak ${c.number} – ${c.title}`}
            </option>
          ))}
        </select>
      </div>
      <div className="form__actions">
        <button type="submit" className="button" disabled={!caseId}>
          {m.addCaseSubmit}
        </button>
      </div>
    </form>
  );
}

/**
 * Moves the meeting: date and times together, since the summoned get one update (with the
 * calendar invitation's UID kept) for the whole change. Both times empty: a whole-day meeting.
 */
function WhenForm(props: {
  date: string;
  startTime: string | null;
  endTime: string | null;
  onSave: (when: { date: string; startTime: string | null; endTime: string | null }) => void;
}) {
  const saved: MeetingWhen = { date: props.date, startTime: props.startTime ?? '', endTime: props.endTime ?? '' };
  const [when, setWhen] = useState(saved);
  const unchanged = when.date === saved.date && when.startTime === saved.startTime && when.endTime === saved.endTime;
  return (
    <form
      className={`form ${styles.inline}`}
      aria-labelledby="meeting-when-title"
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave({ date: when.date, startTime: when.startTime || null, endTime: when.endTime || null });
      }}
    >
      <h2 id="meeting-when-title" className="visually-hidden">
        {m.move.title}
      </h2>
      <MeetingWhenFields when={when} onChange={setWhen} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={unchanged}>
          {m.move.save}
        </button>
      </div>
    </form>
  );
}

function StatusForm({ status, onSave }: { status: MeetingStatus; onSave: (status: MeetingStatus) => void }) {
  const [value, setValue] = useState(status);
  return (
    <form
      className={`form ${styles.inline}`}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(value);
      }}
    >
      <div className="form__field">
        <label className="form__label" htmlFor="meeting-status">
          {m.statusLabel}
        </label>
        <select
          id="meeting-status"
          className="form__input form__input--select"
          value={value}
          onChange={(e) => setValue(e.target.value as MeetingStatus)}
        >
          {MeetingStatusSchema.options.map((option) => (
            <option key={option} value={option}>
              {m.status[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          {m.saveStatus}
        </button>
      </div>
    </form>
  );
}

/** The secretariat changes whom the meeting summons; the people of the community load once. */
function SummonsForm({
  communityId,
  summoned,
  onSave,
}: {
  communityId: string;
  summoned: string[];
  onSave: (ids: string[]) => void;
}) {
  const people = useResource((signal) => fetchPeople(communityId, signal), communityId);
  const [selected, setSelected] = useState(summoned);
  if (people.state !== 'ready') return null;
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(selected);
      }}
    >
      <SummonsPicker people={people.data} selected={selected} onChange={setSelected} hint={m.summons.hint} />
      <div className="form__actions">
        <button type="submit" className="button">
          {m.summons.save}
        </button>
      </div>
    </form>
  );
}
