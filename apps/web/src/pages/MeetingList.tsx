import {
  BodyKindSchema,
  DIGITAL_PLACE,
  NewBodyInputSchema,
  actorIn,
  decideMeetingManagement,
  type Body,
  type BodyKind,
  type MentionCandidate,
} from '@samraad/schema';
import { useState, type FormEvent } from 'react';
import { fetchCommunity, fetchPeople } from '../api/client.js';
import { MeetingWhenFields, type MeetingWhen } from '../meetings/MeetingWhenFields.js';
import { SummonsPicker } from '../meetings/SummonsPicker.js';
import { useResource } from '../api/useResource.js';
import { formatDate } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { navigate, paths } from '../routing.js';
import { useSession } from '../session/SessionContext.js';
import { Breadcrumbs } from '../ui/Breadcrumbs.js';
import { FormField } from '../ui/FormField.js';
import { FormProblem } from '../ui/FormProblem.js';
import { SelectField } from '../ui/SelectField.js';
import { Link } from '../ui/Link.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { meetingMessages as m } from '../meetings/meetingMessages.js';
import { createBody, createMeeting, fetchBodies, fetchMeetings } from '../meetings/meetingsApi.js';
import { placeLabel } from '../meetings/place.js';
import table from '../ui/table.module.css';
import styles from './MeetingList.module.css';

/** The meetings of one helsefellesskap, newest first; the secretariat plans new ones here. */
export function MeetingList({ communityId }: { communityId: string }) {
  const loaded = useResource(async (signal) => {
    const [community, meetings, bodies, people] = await Promise.all([
      fetchCommunity(communityId, signal),
      fetchMeetings(communityId, signal),
      fetchBodies(communityId, signal),
      fetchPeople(communityId, signal),
    ]);
    return { community, meetings, bodies, people };
  }, communityId);
  const { info } = useSession();
  // Bodies added on this page; kept here rather than reloading, which would clear the forms.
  const [addedBodies, setAddedBodies] = useState<Body[]>([]);
  const mayManage = decideMeetingManagement(actorIn(info.memberships, communityId)).allowed;
  useDocumentTitle(m.listTitle);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailure error={loaded.error} onRetry={loaded.retry} standalone />;
  const { community, meetings } = loaded.data;
  const bodies = [
    ...loaded.data.bodies,
    ...addedBodies.filter((added) => !loaded.data.bodies.some((b) => b.id === added.id)),
  ];
  const newest = addedBodies.at(-1);

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
        <div className={table.scroll}>
          <table className={table.table}>
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
                  <td className={table.figure}>
                    <Link href={paths.meeting(meeting.id)}>
                      {formatDate(meeting.date)}
                      {meeting.startTime && ` kl. ${meeting.startTime}`}
                    </Link>
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
      {mayManage && (
        <CreateMeetingForm
          key={newest?.id}
          communityId={community.id}
          bodies={bodies}
          people={loaded.data.people}
          preferred={newest?.id}
        />
      )}
      {mayManage && (
        <CreateBodyForm communityId={community.id} onCreated={(body) => setAddedBodies((added) => [...added, body])} />
      )}
    </div>
  );
}

function CreateMeetingForm({
  communityId,
  bodies,
  people,
  preferred,
}: {
  communityId: string;
  bodies: Body[];
  people: MentionCandidate[];
  preferred?: string;
}) {
  const [bodyId, setBodyId] = useState(preferred ?? bodies.find((b) => b.kind === 'ssu')?.id ?? bodies[0]?.id ?? '');
  const [when, setWhen] = useState<MeetingWhen>({ date: '', startTime: '', endTime: '' });
  const [place, setPlace] = useState('');
  const [digital, setDigital] = useState(false);
  // Null: the body's usual participants, chosen by the server.
  const [summoned, setSummoned] = useState<string[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const created = await createMeeting(communityId, {
        bodyId,
        date: when.date,
        startTime: when.startTime || null,
        endTime: when.endTime || null,
        place: digital ? DIGITAL_PLACE : place,
        ...(summoned ? { summoned } : {}),
      });
      navigate(paths.meeting(created.meeting.id));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-meeting-title">
      <h2 id="create-meeting-title">{m.create.title}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label={m.create.body}
          value={bodyId}
          onChange={(e) => setBodyId(e.target.value)}
          options={bodies.map((body) => ({ value: body.id, label: body.name }))}
        />
        <MeetingWhenFields when={when} onChange={setWhen} />
        <div className="form__field">
          <label>
            <input type="checkbox" checked={digital} onChange={(e) => setDigital(e.target.checked)} />{' '}
            {m.create.digital}
          </label>
        </div>
        {!digital && (
          <FormField
            label={m.create.place}
            hint={m.create.placeHint}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
          />
        )}
        <div className="form__field">
          <label>
            <input
              type="checkbox"
              checked={summoned !== null}
              onChange={(e) => setSummoned(e.target.checked ? [] : null)}
            />{' '}
            {m.create.chooseSummons}
          </label>
          {summoned === null && <p className="form__hint">{m.create.defaultSummons}</p>}
        </div>
        {summoned !== null && (
          <SummonsPicker people={people} selected={summoned} onChange={setSummoned} hint={m.summons.hint} />
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

type BodyField = 'name' | 'caseBody';

/** Adds a body the seed data does not have, typically an ad hoc working group. */
function CreateBodyForm({ communityId, onCreated }: { communityId: string; onCreated: (body: Body) => void }) {
  const [name, setName] = useState('');
  const [caseBody, setCaseBody] = useState('');
  const [kind, setKind] = useState<BodyKind>('adhoc');
  const [fieldProblems, setFieldProblems] = useState<Partial<Record<BodyField, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setAdded(null);
    // The schema the server validates with, so the field messages are the same either way.
    const parsed = NewBodyInputSchema.safeParse({ name, caseBody, kind });
    if (!parsed.success) {
      const problems: Partial<Record<BodyField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'name' || field === 'caseBody') && !problems[field]) problems[field] = issue.message;
      }
      setFieldProblems(problems);
      return;
    }
    setFieldProblems({});
    setBusy(true);
    try {
      const body = await createBody(communityId, parsed.data);
      setAdded(format(m.createBody.added, { name: body.name }));
      setName('');
      setCaseBody('');
      onCreated(body);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-body-title">
      <h2 id="create-body-title">{m.createBody.title}</h2>
      <p>{m.createBody.explained}</p>
      <form className="form" onSubmit={submit} noValidate>
        <FormField
          label={m.createBody.name}
          required
          value={name}
          problem={fieldProblems.name}
          onChange={(e) => setName(e.target.value)}
        />
        <FormField
          label={m.createBody.caseBody}
          hint={m.createBody.caseBodyHint}
          required
          value={caseBody}
          problem={fieldProblems.caseBody}
          onChange={(e) => setCaseBody(e.target.value)}
        />
        <SelectField
          label={m.createBody.kind}
          value={kind}
          onChange={(e) => setKind(BodyKindSchema.parse(e.target.value))}
          options={BodyKindSchema.options.map((option) => ({ value: option, label: m.bodyKind[option] }))}
        />
        <FormProblem problem={problem} />
        {added && (
          <p className={styles.success} role="status">
            {added}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {m.createBody.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
