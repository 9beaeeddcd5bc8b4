import { Navigate, Outlet, createBrowserRouter, useLocation } from 'react-router';
import { AppLayout } from '@/components/app-layout';
import { NotFound } from '@/components/not-found';
import { useAuth } from '@/lib/auth/auth-provider';
import { canWrite, isAdmin } from '@/lib/auth/session';
import { CognitoCallbackPage, SignInPage } from '@/features/auth';
import { AddPersonPage, PeopleDashboard } from '@/features/people';
import { loadPortalApp } from '@/features/portal';
import { ProfilePage } from '@/features/profile';
import { ApiDocsPage } from '@/features/api-docs';
import { loadTodayPage } from '@/features/today';
import { loadDuplicatesPage } from '@/features/duplicates';
import { profileActions, profileTabs, segmentRoutes, settingsRoutes } from './registry';
import { screen } from './screen';

/** Every console screen needs a signed-in staff member; the sign-in page comes back here after. */
function RequireSession() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}

/** The API refuses settings to non-admins anyway; the console does not offer them. */
function RequireAdmin() {
  const { session } = useAuth();
  return session && isAdmin(session) ? <Outlet /> : <NotFound reason="Settings are for admins." />;
}

/** Screens that only change things (add a person): a viewer is told so, not shown a form that cannot save. */
function RequireWriter() {
  const { session } = useAuth();
  return session && canWrite(session) ? <Outlet /> : <NotFound reason="Your role can look people up but not add or change them." />;
}

/** The member portal, its own chunk; outside the staff sign-in (it has its own). */
const PortalApp = screen(loadPortalApp);
// Screens staff open now and then are their own chunks too; the People list and a profile are not.
const TodayPage = screen(async () => ({ default: (await loadTodayPage()).TodayPage }));
const DuplicatesPage = screen(async () => ({ default: (await loadDuplicatesPage()).DuplicatesPage }));

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/auth/callback', element: <CognitoCallbackPage /> },
  // The API reference (Scalar, its own chunk): public, like the document it renders.
  { path: '/docs', element: <ApiDocsPage /> },
  {
    path: '/portal/:tenantId/*',
    element: <PortalApp />,
  },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <Navigate to="/people" replace /> },
      { path: 'today', element: <TodayPage /> },
      { path: 'people', element: <PeopleDashboard /> },
      { path: 'people/new', element: <RequireWriter />, children: [{ index: true, element: <AddPersonPage /> }] },
      ...segmentRoutes,
      { path: 'people/duplicates', element: <RequireWriter />, children: [{ index: true, element: <DuplicatesPage /> }] },
      { path: 'people/:customerId', element: <ProfilePage tabs={profileTabs} actions={profileActions} /> },
      { path: 'settings', element: <RequireAdmin />, children: settingsRoutes },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
