import { lazy, Suspense } from 'react';
import type { PresenceUser } from '@samraad/schema';
import { IdentityGate } from './identity/IdentityGate.js';
import { parseRoute, usePathname } from './routing.js';
import { CaseList } from './screens/CaseList.js';
import { NotFound } from './screens/NotFound.js';
import { StartPage } from './screens/StartPage.js';
import { AppShell } from './ui/AppShell.js';
import { Loading } from './ui/Loading.js';

// The editor stack (Tiptap, ProseMirror, Yjs) is most of the code; lists load without it.
const CasePage = lazy(() => import('./screens/CasePage.js').then((module) => ({ default: module.CasePage })));

function Screen({ pathname, user }: { pathname: string; user: PresenceUser }) {
  const route = parseRoute(pathname);
  switch (route.screen) {
    case 'start':
      return <StartPage />;
    case 'community':
      return <CaseList key={route.communityId} communityId={route.communityId} />;
    case 'case':
      return (
        <Suspense fallback={<Loading />}>
          <CasePage key={route.caseId} caseId={route.caseId} user={user} />
        </Suspense>
      );
    case 'notFound':
      return <NotFound />;
  }
}

export function App() {
  const pathname = usePathname();
  return (
    <IdentityGate>
      {(user) => (
        <AppShell user={user} pathname={pathname}>
          <Screen pathname={pathname} user={user} />
        </AppShell>
      )}
    </IdentityGate>
  );
}
