import { lazy, Suspense } from 'react';
import { parsePublicRoute, type PresenceUser } from '@samraad/schema';
import { parseRoute, usePathname, type Route } from './routing.js';
import { SearchPage } from './pages/SearchPage.js';
import { CaseList } from './pages/CaseList.js';
import { InvitePeople } from './pages/InvitePeople.js';
import { NotFound } from './pages/NotFound.js';
import { StartPage } from './pages/StartPage.js';
import { MeetingList } from './pages/MeetingList.js';
import { MeetingPage } from './pages/MeetingPage.js';
import { SessionGate } from './session/SessionGate.js';
import { PublicPage } from './pages/PublicPage.js';
import { presenceUserOf } from './session/presenceUser.js';
import { AppShell } from './ui/AppShell.js';
import { NotificationSettingsPage } from './notifications/NotificationSettingsPage.js';
import { Loading } from './ui/Loading.js';

// The editor stack (Tiptap, ProseMirror, Yjs) is most of the code; lists load without it.
const CasePage = lazy(() => import('./pages/CasePage.js').then((module) => ({ default: module.CasePage })));

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
      return (
        <Suspense fallback={<Loading />}>
          <CasePage key={route.caseId} caseId={route.caseId} user={user} />
        </Suspense>
      );
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
  if (publicRoute) return <PublicPage key={publicRoute.communityId} communityId={publicRoute.communityId} />;
  return (
    <SessionGate invitationToken={route.screen === 'invitation' ? route.token : null}>
      {(session) => (
        <AppShell pathname={pathname}>
          <Screen route={route} user={presenceUserOf(session.info)} />
        </AppShell>
      )}
    </SessionGate>
  );
}
