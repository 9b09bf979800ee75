import { lazy, Suspense } from 'react';
import { parsePublicRoute, type PresenceUser } from '@samraad/schema';
import { parseRoute, usePathname, type Route } from './routing.js';
import { NotFound } from './pages/NotFound.js';
import { StartPage } from './pages/StartPage.js';
import { SessionGate } from './session/SessionGate.js';
import { presenceUserOf } from './session/presenceUser.js';
import { AppShell } from './ui/AppShell.js';
import { Loading } from './ui/Loading.js';

// The editor stack (Tiptap, ProseMirror, Yjs) is most of the code; lists load without it.
const CasePage = lazy(() => import('./pages/CasePage.js').then((module) => ({ default: module.CasePage })));
// The login page carries only the session gate and the shell; each screen (and zod, which the
// forms validate with) loads when it is first shown.
const CaseList = lazy(() => import('./pages/CaseList.js').then((module) => ({ default: module.CaseList })));
const InvitePeople = lazy(() => import('./pages/InvitePeople.js').then((module) => ({ default: module.InvitePeople })));
const MeetingList = lazy(() => import('./pages/MeetingList.js').then((module) => ({ default: module.MeetingList })));
const MeetingPage = lazy(() => import('./pages/MeetingPage.js').then((module) => ({ default: module.MeetingPage })));
const SearchPage = lazy(() => import('./pages/SearchPage.js').then((module) => ({ default: module.SearchPage })));
const PublicPage = lazy(() => import('./pages/PublicPage.js').then((module) => ({ default: module.PublicPage })));
const NotificationSettingsPage = lazy(() =>
  import('./notifications/NotificationSettingsPage.js').then((module) => ({
    default: module.NotificationSettingsPage,
  })),
);

function Screen({ route, user }: { route: Route; user: PresenceUser }) {
  switch (route.screen) {
    case 'start':
      return <StartPage />;
    case 'community':
      return <CaseList key={route.communityId} communityId={route.communityId} />;
    case 'invite':
      return <InvitePeople key={route.communityId} communityId={route.communityId} />;
    case 'meetings':
      return <MeetingList key={route.communityId} communityId={route.communityId} />;
    case 'meeting':
      return <MeetingPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'case':
      return <CasePage key={route.caseId} caseId={route.caseId} user={user} />;
    case 'search':
      return <SearchPage />;
    case 'notificationSettings':
      return <NotificationSettingsPage />;
    case 'invitation':
    case 'notFound':
      return <NotFound />;
  }
}

export function App() {
  const pathname = usePathname();
  const route = parseRoute(pathname);
  // The public page is read without a login, so it is not behind the session gate.
  const publicRoute = parsePublicRoute(pathname);
  if (publicRoute)
    return (
      <Suspense fallback={<Loading />}>
        <PublicPage key={publicRoute.communityId} communityId={publicRoute.communityId} />
      </Suspense>
    );
  return (
    <SessionGate invitationToken={route.screen === 'invitation' ? route.token : null}>
      {(session) => (
        <AppShell pathname={pathname}>
          <Suspense fallback={<Loading />}>
            <Screen route={route} user={presenceUserOf(session.info)} />
          </Suspense>
        </AppShell>
      )}
    </SessionGate>
  );
}
