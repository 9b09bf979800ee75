import { DIGITAL_PLACE, type PublicCase, type PublicCommunityPage, type PublicMeeting } from '@samraad/schema';
import { ApiRequestError, api, callWithNodes, cancelledBy, id } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { formatDate } from '../i18n/format.js';
import { caseHeading, format, messages } from '../i18n/messages.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { SectionBlockView } from '../ui/SectionBlocks.js';
import { Loading } from '../ui/Loading.js';
import sheet from '../ui/paper.module.css';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import styles from './PublicPage.module.css';

function fetchPublicPage(communityId: string, signal: AbortSignal): Promise<PublicCommunityPage> {
  return callWithNodes(
    api.public.communities[':communityId'].$get({ param: { communityId: id(communityId) } }, cancelledBy(signal)),
    signal,
  );
}

function PublicCaseView({ paper }: { paper: PublicCase }) {
  const fields = messages.case.fields;
  const header: Array<[string, string]> = [
    [fields.caseOfficers, paper.caseOfficers.join(', ')],
    [fields.documentDate, paper.documentDate ? formatDate(paper.documentDate) : ''],
    [fields.meetingDate, paper.meetingDate ? formatDate(paper.meetingDate) : ''],
    [fields.reference, paper.reference ?? ''],
    [fields.attachments, paper.attachments.map((a) => a.title).join('; ')],
  ];
  return (
    <article className={`${sheet.paper} ${styles.case}`} aria-labelledby={`public-${paper.id}`}>
      <p className={styles.caseHeading}>{caseHeading(paper.body, paper.number)}</p>
      <h3 id={`public-${paper.id}`}>{paper.title}</h3>
      <p>
        {/* The date of the version shown; a corrected one says so, so nobody takes it for the first. */}
        {paper.correctedAt
          ? format(messages.papers.publicCorrected, { date: formatDate(paper.correctedAt.slice(0, 10)) })
          : format(messages.papers.publicPublished, { date: formatDate(paper.publishedAt.slice(0, 10)) })}
      </p>
      <dl className={styles.caseHeader}>
        {header
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}:</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {paper.sections.map((section) => (
        <section key={section.id}>
          <h4>{section.title}:</h4>
          {section.blocks.map((block, index) => (
            <SectionBlockView key={index} block={block} />
          ))}
        </section>
      ))}
      {paper.signatories && paper.signatories.length > 0 && (
        <section>
          <h4>{messages.papers.publicSignatories}</h4>
          <ul className={styles.signatories}>
            {paper.signatories.map((s) => (
              <li key={s.organisationName}>
                {s.signerTitle} {s.organisationName}
                <br />
                <strong>{s.userName}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href={`/api/public/cases/${encodeURIComponent(paper.id)}/export.pdf`}>{messages.papers.publicPdf}</a>
      </p>
    </article>
  );
}

function PublicMeetingView({ meeting }: { meeting: PublicMeeting }) {
  const place = meeting.place.toLowerCase() === DIGITAL_PLACE ? messages.papers.digital : meeting.place;
  return (
    <li className={styles.meeting}>
      <strong>
        {format(messages.papers.publicMeeting, { body: meeting.bodyName, date: formatDate(meeting.date), place })}
      </strong>
      {meeting.agenda.length === 0 ? (
        <p>{messages.papers.publicAgendaEmpty}</p>
      ) : (
        <ol>
          {meeting.agenda.map((item) => (
            <li key={item.caseId}>
              <a href={`#public-${item.caseId}`}>
                {format(messages.papers.publicAgendaItem, { number: item.number, title: item.title })}
              </a>
            </li>
          ))}
        </ol>
      )}
      <a href={`/api/public/meetings/${encodeURIComponent(meeting.id)}/export.pdf`}>
        {messages.papers.publicMeetingPdf}
      </a>
    </li>
  );
}

/** The public, read-only page of a community: its published cases. No login, no session. */
export function PublicPage({ communityId }: { communityId: string }) {
  const loaded = useResource((signal) => fetchPublicPage(communityId, signal), communityId);
  useDocumentTitle(
    loaded.state === 'ready' ? format(messages.papers.publicTitle, { community: loaded.data.community.name }) : null,
  );
  return (
    <main id="main" className={styles.page}>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' &&
        (loaded.error instanceof ApiRequestError && loaded.error.notFound ? (
          <p>{messages.papers.publicNotFound}</p>
        ) : (
          <LoadFailure error={loaded.error} onRetry={loaded.retry} standalone />
        ))}
      {loaded.state === 'ready' && (
        <>
          <h1>{format(messages.papers.publicTitle, { community: loaded.data.community.name })}</h1>
          <p>{messages.papers.publicIntro}</p>
          {loaded.data.meetings.length > 0 && (
            <section aria-labelledby="public-meetings">
              <h2 id="public-meetings">{messages.papers.publicMeetings}</h2>
              <ul className={styles.meetings}>
                {loaded.data.meetings.map((meeting) => (
                  <PublicMeetingView key={meeting.id} meeting={meeting} />
                ))}
              </ul>
            </section>
          )}
          <h2>{messages.papers.publicCases}</h2>
          {loaded.data.cases.length === 0 ? (
            <p>{messages.papers.publicEmpty}</p>
          ) : (
            loaded.data.cases.map((paper) => <PublicCaseView key={paper.id} paper={paper} />)
          )}
          <p>
            <a href="/">{messages.papers.publicLogin}</a>
          </p>
        </>
      )}
    </main>
  );
}
