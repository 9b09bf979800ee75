import { useState } from 'react';
import { actorIn, decideCaseManagement, decideInvitation, publicPath } from '@samraad/schema';
import { fetchCases, fetchCommunity } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { KindBadge, StatusBadge } from '../case/CaseBadges.js';
import { ImportCaseForm } from '../case/ImportCaseForm.js';
import { NewCaseForm } from '../case/NewCaseForm.js';
import { formatDate } from '../i18n/format.js';
import { format, messages } from '../i18n/messages.js';
import { paths } from '../routing.js';
import { useSession } from '../session/SessionContext.js';
import { Breadcrumbs } from '../ui/Breadcrumbs.js';
import { Link } from '../ui/Link.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import { meetingMessages } from '../meetings/meetingMessages.js';
import { fetchBodies } from '../meetings/meetingsApi.js';
import table from '../ui/table.module.css';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import styles from './CaseList.module.css';

/** The cases of one helsefellesskap, in the order the server keeps them. */
export function CaseList({ communityId }: { communityId: string }) {
  const { info } = useSession();
  const actor = actorIn(info.memberships, communityId);
  const mayInvite = decideInvitation(actor).allowed;
  const mayCreate = decideCaseManagement(actor).allowed;
  // 'new': the "Ny sak" form; 'import': a case from a Word paper.
  const [creating, setCreating] = useState<'new' | 'import' | null>(null);
  const loaded = useResource(async (signal) => {
    const [community, cases, bodies] = await Promise.all([
      fetchCommunity(communityId, signal),
      fetchCases(communityId, signal),
      // The bodies a new case can belong to; only those who create cases need them.
      mayCreate ? fetchBodies(communityId, signal) : Promise.resolve([]),
    ]);
    return { community, cases, bodies };
  }, communityId);
  useDocumentTitle(loaded.state === 'ready' ? loaded.data.community.name : messages.caseList.title);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailure error={loaded.error} onRetry={loaded.retry} standalone />;
  const { community, cases, bodies } = loaded.data;
  const columns = messages.caseList.columns;

  return (
    <div className="page">
      <Breadcrumbs crumbs={[{ label: messages.start.title, href: paths.start() }, { label: community.name }]} />
      <h1 className="page__title">{community.name}</h1>
      <p className="page__intro">{format(messages.start.hospital, { hospital: community.hospitalName })}</p>
      <p>
        <Link href={paths.meetings(community.id)}>{meetingMessages.link}</Link>
        {' · '}
        {/* A full page load: the public page lives outside the logged-in app. */}
        <a href={publicPath(community.id)}>{messages.caseList.publicPage}</a>
      </p>
      {(mayInvite || mayCreate) && (
        <p className={styles.actions}>
          {mayCreate && !creating && (
            <>
              <button type="button" className="button button--primary" onClick={() => setCreating('new')}>
                {messages.caseForm.newCase}
              </button>
              <button type="button" className="button" onClick={() => setCreating('import')}>
                {messages.caseImport.start}
              </button>
            </>
          )}
          {mayInvite && (
            <Link className="button" href={paths.invite(community.id)}>
              {messages.invite.link}
            </Link>
          )}
        </p>
      )}
      {creating === 'new' && <NewCaseForm community={community} bodies={bodies} onCancel={() => setCreating(null)} />}
      {creating === 'import' && (
        <ImportCaseForm community={community} bodies={bodies} onCancel={() => setCreating(null)} />
      )}
      {cases.length === 0 ? (
        <p>{messages.caseList.empty}</p>
      ) : (
        <div className={table.scroll}>
          <table className={table.table}>
            <caption className="visually-hidden">
              {format(messages.caseList.caption, { community: community.name })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{columns.number}</th>
                <th scope="col">{columns.title}</th>
                <th scope="col">{columns.kind}</th>
                <th scope="col">{columns.status}</th>
                <th scope="col">{columns.meetingDate}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((theCase) => (
                <tr key={theCase.id}>
                  <td className={table.figure}>{theCase.number}</td>
                  <td>
                    <Link href={paths.case(theCase.id)}>{theCase.title}</Link>
                    <span className={table.sub}>{theCase.body}</span>
                  </td>
                  <td>
                    <KindBadge kind={theCase.kind} />
                  </td>
                  <td>
                    <StatusBadge status={theCase.status} />
                  </td>
                  <td className={table.figure}>
                    {theCase.meetingDate ? formatDate(theCase.meetingDate) : messages.common.notSet}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
