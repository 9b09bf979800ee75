import { DIGITAL_PLACE, actorIn, decideMeetingManagement, type Body } from '@samraad/schema';
import { useState, type FormEvent } from 'react';
import { fetchCommunity } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { formatDate } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { navigate, paths } from '../routing.js';
import { useSession } from '../session/SessionContext.js';
import { Breadcrumbs } from '../ui/Breadcrumbs.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { Link } from '../ui/Link.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { meetingMessages as m } from './meetingMessages.js';
import { createMeeting, fetchBodies, fetchMeetings } from './meetingsApi.js';

export const placeLabel = (place: string) => (place.toLowerCase() === DIGITAL_PLACE ? m.digitalPlace : place);

/** The meetings of one helsefellesskap, newest first; the secretariat plans new ones here. */
export function MeetingList({ communityId }: { communityId: string }) {
  const loaded = useResource(
    async (signal) => {
      const [community, meetings, bodies] = await Promise.all([
        fetchCommunity(communityId, signal),
        fetchMeetings(communityId, signal),
        fetchBodies(communityId, signal),
      ]);
      return { community, meetings, bodies };
    },
    communityId,
  );
  const { info } = useSession();
  const mayManage = decideMeetingManagement(actorIn(info.memberships, communityId)).allowed;
  useDocumentTitle(m.listTitle);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailure error={loaded.error} onRetry={loaded.retry} standalone />;
  const { community, meetings, bodies } = loaded.data;

  return (
    <div className="page">
      <Breadcrumbs
        crumbs={[
          { label: messages.start.title, href: paths.start() },
          { label: community.name, href: paths.community(community.id) },
          { label: m.listTitle },
        ]}
      />
      <h1 className="page__title">{m.listTitle}</h1>
      {meetings.length === 0 ? (
        <p>{m.listEmpty}</p>
      ) : (
        <div className="table-scroll">
          <table className="case-table">
            <caption className="visually-hidden">{format(m.listCaption, { community: community.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.date}</th>
                <th scope="col">{m.columns.body}</th>
                <th scope="col">{m.columns.place}</th>
                <th scope="col">{m.columns.status}</th>
                <th scope="col">{m.columns.agenda}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((meeting) => (
                <tr key={meeting.id}>
                  <td className="case-table__date">
                    <Link href={paths.meeting(meeting.id)}>{formatDate(meeting.date)}</Link>
                  </td>
                  <td>{meeting.bodyName}</td>
                  <td>{placeLabel(meeting.place)}</td>
                  <td>{m.status[meeting.status]}</td>
                  <td>{meeting.agendaLength}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayManage && <CreateMeetingForm communityId={community.id} bodies={bodies} />}
    </div>
  );
}

function CreateMeetingForm({ communityId, bodies }: { communityId: string; bodies: Body[] }) {
  const [bodyId, setBodyId] = useState(bodies.find((b) => b.kind === 'ssu')?.id ?? bodies[0]?.id ?? '');
  const [date, setDate] = useState('');
  const [place, setPlace] = useState('');
  const [digital, setDigital] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const created = await createMeeting(communityId, { bodyId, date, place: digital ? DIGITAL_PLACE : place });
      navigate(paths.meeting(created.meeting.id));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-meeting-title">
      <h2 id="create-meeting-title">{m.create.title}</h2>
      <form className="form form--page" onSubmit={submit} noValidate>
        <div className="form__field">
          <label className="form__label" htmlFor="meeting-body">
            {m.create.body}
          </label>
          <select id="meeting-body" className="form__input form__input--select" value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
            {bodies.map((body) => (
              <option key={body.id} value={body.id}>
                {body.name}
              </option>
            ))}
          </select>
        </div>
        <FormField label={m.create.date} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
        <div className="form__field">
          <label>
            <input type="checkbox" checked={digital} onChange={(e) => setDigital(e.target.checked)} /> {m.create.digital}
          </label>
        </div>
        {!digital && (
          <FormField label={m.create.place} hint={m.create.placeHint} value={place} onChange={(e) => setPlace(e.target.value)} />
        )}
        <FormProblem problem={problem} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {m.create.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
