import type { Case, MeetingSummary, StartOverview } from '@samraad/schema';
import { api, call, cancelledBy } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { formatDate } from '../i18n/format.js';
import { format, formatPlural, messages } from '../i18n/messages.js';
import { placeLabel } from '../meetings/place.js';
import { paths } from '../routing.js';
import { Link } from '../ui/Link.js';
import styles from './MyOverview.module.css';

function fetchOverview(signal: AbortSignal): Promise<StartOverview> {
  return call(api.me.overview.$get({}, cancelledBy(signal)), signal);
}

function CaseLinks({ cases, empty }: { cases: readonly Case[]; empty: string }) {
  if (cases.length === 0) return <p>{empty}</p>;
  return (
    <ul>
      {cases.map((found) => (
        <li key={found.id}>
          <Link href={paths.case(found.id)}>
            {format(messages.overview.caseLink, { number: found.number, title: found.title })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function MeetingLinks({ meetings }: { meetings: readonly MeetingSummary[] }) {
  if (meetings.length === 0) return <p>{messages.overview.nextMeetingsNone}</p>;
  return (
    <ul>
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <Link href={paths.meeting(meeting.id)}>
            {format(messages.overview.meetingLink, {
              date: formatDate(meeting.date),
              body: meeting.bodyName,
              place: placeLabel(meeting.place),
            })}
          </Link>{' '}
          <span className={styles.meta}>{formatPlural(messages.overview.agendaCount, meeting.agendaLength, {})}</span>
        </li>
      ))}
    </ul>
  );
}

/** "For me" on the start page: approvals my side owes, the cases I work in, and the next meetings. */
export function MyOverview() {
  const overview = useResource(fetchOverview, 'overview');
  if (overview.state !== 'ready') return null;
  return (
    <>
      <section className={styles.group} aria-labelledby="awaiting-title">
        <h2 id="awaiting-title">{messages.overview.awaiting}</h2>
        <CaseLinks cases={overview.data.awaitingMyApproval} empty={messages.overview.awaitingNone} />
      </section>
      <section className={styles.group} aria-labelledby="mine-title">
        <h2 id="mine-title">{messages.overview.mine}</h2>
        <CaseLinks cases={overview.data.recentlyMine} empty={messages.overview.mineNone} />
      </section>
      <section className={styles.group} aria-labelledby="next-meetings-title">
        <h2 id="next-meetings-title">{messages.overview.nextMeetings}</h2>
        <MeetingLinks meetings={overview.data.nextMeetings} />
      </section>
    </>
  );
}
