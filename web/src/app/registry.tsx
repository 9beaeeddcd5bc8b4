import type { RouteObject } from 'react-router';
import { Placeholder } from '@/components/placeholder';
import { AddressesTab, GeneralTab, type ProfileTab } from '@/features/profile';

/**
 * Where features plug into the console's shell. Features never import each other; this file
 * (the app layer) composes them. To add a profile tab, export its component from
 * `features/<feature>/index.ts` and list it here, in the order staff see the tabs.
 */
export const profileTabs: readonly ProfileTab[] = [
  { value: 'general', label: 'General', component: GeneralTab },
  { value: 'addresses', label: 'Addresses', component: AddressesTab },
];

/** The admin-only Settings screens, under `/settings` (the guard is in router.tsx). */
export const settingsRoutes: RouteObject[] = [{ index: true, element: <Placeholder title="Settings" /> }];

/** Other signed-in screens: orders and reservations started from a profile. */
export const extraRoutes: RouteObject[] = [
  { path: 'orders/new', element: <Placeholder title="New order" /> },
  { path: 'reservations/new', element: <Placeholder title="New reservation" /> },
];
