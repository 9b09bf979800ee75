import { lazy, Suspense, useState } from 'react';
import {
  SECTION_FRAGMENT,
  actorIn,
  consensusContent,
  decideCaseManagement,
  type CaseDetail,
  type Community,
  type PresenceUser,
  type Section,
} from '@samraad/schema';
import { fetchCase, fetchCommunity } from '../api/client.js';
import { useResource } from '../api/useResource.js';
import { CaseHeader } from '../case/CaseHeader.js';
import { CaseSection } from '../case/CaseSection.js';
import { SectionTools } from '../case/SectionTools.js';
import { useCaseDetail } from '../case/useCaseDetail.js';
import { usePlaceFromLink } from '../notifications/usePlaceFromLink.js';
import { useLastWrites } from '../case/useLastWrites.js';
import { fetchPeople } from '../api/client.js';
import { useThreads } from '../comments/useThreads.js';
import { useCaseEvents } from '../case/useCaseEvents.js';
import { ConsensusPanel } from '../consensus/ConsensusPanel.js';
import { DeclarationPanel } from '../declarations/DeclarationPanel.js';
import { ExportLinks } from '../export/ExportLinks.js';
import { useConsensus } from '../consensus/useConsensus.js';
import { PublicationPanel } from '../publication/PublicationPanel.js';
import { usePublication } from '../publication/usePublication.js';
import { useWordingText } from '../consensus/useWordingText.js';
import { ConnectionIndicator } from '../connection/ConnectionIndicator.js';
import { useConnectionState } from '../connection/useConnectionState.js';
import { sectionAccess } from '../editor/sectionAccess.js';
import { useSectionConnections, type SectionAccess } from '../editor/useSectionConnections.js';
import { UnsentChanges } from '../offline/UnsentChanges.js';
import { useLeaveGuard } from '../offline/useLeaveGuard.js';
import { format, messages } from '../i18n/messages.js';
import { PresenceList } from '../presence/PresenceList.js';
import { usePresence } from '../presence/usePresence.js';
import { paths } from '../routing.js';
import { useSession } from '../session/SessionContext.js';
import { Breadcrumbs } from '../ui/Breadcrumbs.js';
import { LoadFailure } from '../ui/LoadFailure.js';
import { Loading } from '../ui/Loading.js';
import sheet from '../ui/paper.module.css';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import styles from './CasePage.module.css';

// The secretariat's forms (and zod, which checks them) load when one is opened, not with the page.
const AddSectionForm = lazy(() =>
  import('../case/AddSectionForm.js').then((module) => ({ default: module.AddSectionForm })),
);
const CaseHeaderForm = lazy(() =>
  import('../case/CaseHeaderForm.js').then((module) => ({ default: module.CaseHeaderForm })),
);

/** Loads the case and its community, then hands over to the live workspace. */
export function CasePage({ caseId, user }: { caseId: string; user: PresenceUser }) {
  usePlaceFromLink();
  const loaded = useResource(async (signal) => {
    const detail = await fetchCase(caseId, signal);
    const community = await fetchCommunity(detail.case.communityId, signal);
    return { detail, community };
  }, caseId);
  useDocumentTitle(
    loaded.state === 'ready' ? format(messages.case.documentTitle, { number: loaded.data.detail.case.number }) : null,
  );

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailure error={loaded.error} onRetry={loaded.retry} standalone />;
  return <CaseWorkspace detail={loaded.data.detail} community={loaded.data.community} user={user} />;
}

interface CaseWorkspaceProps {
  detail: CaseDetail;
  community: Community;
  user: PresenceUser;
}

/** The paper with one live editor per section, and beside it who is here and the line's state. */
function CaseWorkspace({ detail, community, user }: CaseWorkspaceProps) {
  // The header, status and sections change live (the secretariat edits and moves the case,
  // consensus locks it), for everyone with the page open.
  const { theCase, sections, setCase, setSections, reload: reloadCase } = useCaseDetail(detail);
  const session = useSession();
  const actor = actorIn(session.info.memberships, theCase.communityId);
  const manages = decideCaseManagement(actor).allowed;
  const [editingHeader, setEditingHeader] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const { threads, upsert, reload: reloadThreads } = useThreads(theCase.id);
  const { consensus, set: setConsensus, reload: reloadConsensus } = useConsensus(theCase.id);
  const { publication, set: setPublication, reload: reloadPublication } = usePublication(theCase.id);
  // A published case is frozen: no text, section or header changes until a confirmed correction.
  const frozen = publication?.frozen ?? false;
  const managesNow = manages && !frozen;
  const lockedSections = new Set(consensus?.locks.map((lock) => lock.sectionId) ?? []);
  const access = (section: Section): SectionAccess =>
    sectionAccess(actor, section, consensus && publication ? { lockedSectionIds: lockedSections, frozen } : null);
  const { connections, notices, retry, unsent, rescued, dismissRescued } = useSectionConnections(
    theCase.id,
    sections,
    user,
    {
      userId: session.info.user.id,
      access,
      onSessionLost: session.lost,
    },
  );
  useLeaveGuard(unsent);
  const lastWrites = useLastWrites(theCase.id, connections);
  const onSections = (next: typeof sections) => {
    setSections(next);
    // Which section holds the consensus wording may have changed with them.
    reloadConsensus();
  };
  // Counts stored versions per section, so an open history list re-reads when one is added.
  const [versionCounts, setVersionCounts] = useState<Record<string, number>>({});
  const countVersion = (sectionId: string) =>
    setVersionCounts((counts) => ({ ...counts, [sectionId]: (counts[sectionId] ?? 0) + 1 }));
  useCaseEvents(
    theCase.id,
    {
      thread: upsert,
      consensus: setConsensus,
      case: setCase,
      sections: onSections,
      version: (version) => countVersion(version.sectionId),
      publication: setPublication,
    },
    () => {
      void reloadCase();
      reloadThreads();
      reloadConsensus();
      reloadPublication();
      // Versions stored while the stream was down: every open history re-reads.
      for (const section of sections) countVersion(section.id);
    },
  );
  const afterSectionChange = async () => {
    await reloadCase();
    reloadConsensus();
  };
  const wordingConnection = connections.find(({ sectionId }) => sectionId === consensus?.consensusSectionId);
  const wordingText = useWordingText(wordingConnection?.doc);
  const currentWording = () =>
    wordingConnection?.provider.synced
      ? consensusContent(wordingConnection.doc.getXmlFragment(SECTION_FRAGMENT))
      : null;
  const people = useResource((signal) => fetchPeople(theCase.communityId, signal), theCase.communityId);
  const openThreads = threads.filter((thread) => thread.status === 'open').length;
  const connectionState = useConnectionState(connections);
  const present = usePresence(connections, user.id);

  return (
    <div>
      <Breadcrumbs
        crumbs={[
          { label: messages.start.title, href: paths.start() },
          { label: community.name, href: paths.community(community.id) },
          { label: format(messages.case.documentTitle, { number: theCase.number }) },
        ]}
      />
      <div className={styles.layout}>
        <article className={sheet.paper}>
          {editingHeader ? (
            <Suspense fallback={null}>
              <CaseHeaderForm
                case={theCase}
                onSaved={(updated) => {
                  setCase(updated);
                  setEditingHeader(false);
                  setAnnouncement(messages.caseForm.saved);
                }}
                onCancel={() => setEditingHeader(false)}
              />
            </Suspense>
          ) : (
            <CaseHeader
              case={theCase}
              openThreads={openThreads}
              onEdit={managesNow ? () => setEditingHeader(true) : undefined}
            />
          )}
          {/* What the secretariat's changes did, for those who cannot see the page move. */}
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>
          {sections.length === 0 ? (
            <p>{messages.case.noSections}</p>
          ) : (
            sections.map((section) => (
              <CaseSection
                key={section.id}
                section={section}
                hospitalName={community.hospitalName}
                connection={connections.find((connection) => connection.sectionId === section.id)}
                user={user}
                actor={actor}
                locked={lockedSections.has(section.id)}
                frozen={frozen}
                lastWrite={lastWrites.get(section.id)}
                notice={notices.find((notice) => notice.sectionId === section.id)}
                onRetry={() => retry(section.id)}
                rescuedText={rescued.get(section.id)?.text}
                onDismissRescued={() => dismissRescued(section.id)}
                caseId={theCase.id}
                userId={session.info.user.id}
                threads={threads.filter((thread) => thread.sectionId === section.id)}
                people={people.state === 'ready' ? people.data : []}
                onThreadChanged={upsert}
                versionsSeen={versionCounts[section.id] ?? 0}
                tools={
                  managesNow && (
                    <SectionTools
                      caseId={theCase.id}
                      section={section}
                      sections={sections}
                      locked={lockedSections}
                      onChanged={afterSectionChange}
                      announce={setAnnouncement}
                    />
                  )
                }
              />
            ))
          )}
          {managesNow && (
            <Suspense fallback={null}>
              <AddSectionForm
                caseId={theCase.id}
                sections={sections}
                locked={lockedSections}
                hospitalName={community.hospitalName}
                onAdded={afterSectionChange}
                announce={setAnnouncement}
              />
            </Suspense>
          )}
        </article>
        <aside className={styles.sidebar} aria-label={messages.case.sidebar}>
          <ConnectionIndicator state={connectionState} />
          <UnsentChanges count={unsent} />
          {consensus && (
            <ConsensusPanel
              theCase={theCase}
              consensus={consensus}
              actor={actor}
              hospitalName={community.hospitalName}
              currentWording={currentWording}
              wordingText={wordingText}
              wordingTitle={sections.find((section) => section.id === consensus.consensusSectionId)?.title ?? ''}
              wordingThreads={threads.filter(
                (thread) => thread.sectionId === consensus.consensusSectionId && thread.status === 'open',
              )}
              onConsensus={setConsensus}
              onCase={setCase}
            />
          )}
          {publication && (
            <PublicationPanel
              caseId={theCase.id}
              publication={publication}
              actor={actor}
              hospitalName={community.hospitalName}
              onPublication={setPublication}
              onCase={setCase}
            />
          )}
          <DeclarationPanel caseId={theCase.id} status={theCase.status} />
          <ExportLinks caseId={theCase.id} />
          <PresenceList people={present} sections={sections} />
        </aside>
      </div>
    </div>
  );
}
