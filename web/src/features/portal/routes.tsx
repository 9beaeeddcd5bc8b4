import { Navigate, type RouteObject } from 'react-router';
import { AccountPage } from './components/account-page';
import { ClubPage } from './components/club-page';
import { OrdersPage } from './components/orders-page';
import { PasswordPage } from './components/password-page';
import { PortalLayout, PortalNotFound, RequirePortalSession } from './components/portal-layout';
import { PortalSignInPage } from './components/sign-in-page';

/**
 * The member portal, relative to `/portal/:tenantId` (mounted by the app's router outside the
 * staff sign-in guard). The email links land on `set-password` and `reset-password`.
 */
export const portalRoutes: RouteObject[] = [
  {
    element: <PortalLayout />,
    children: [
      { path: 'sign-in', element: <PortalSignInPage /> },
      { path: 'set-password', element: <PasswordPage purpose="welcome" /> },
      { path: 'reset-password', element: <PasswordPage purpose="reset" /> },
      {
        element: <RequirePortalSession />,
        children: [
          { index: true, element: <Navigate to="account" replace /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'club', element: <ClubPage /> },
          { path: 'orders', element: <OrdersPage /> },
        ],
      },
      { path: '*', element: <PortalNotFound /> },
    ],
  },
];
