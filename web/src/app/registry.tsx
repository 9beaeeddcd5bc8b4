import { Suspense, lazy } from 'react';
import type { RouteObject } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { CellarTab, cellarTabVisible } from '@/features/cellar';
import { ChangesTab } from '@/features/changes';
import { ClubPage, ClubsTab } from '@/features/clubs';
import { MergesTab } from '@/features/duplicates';
import { PrivacyMenu } from '@/features/privacy';
import { CreditsTab } from '@/features/credits';
import { CrmTab } from '@/features/crm';
import { EmailsTab } from '@/features/emails';
import { loadImportPage } from '@/features/import';
import { OrderActions, OrdersTab } from '@/features/orders';
import { ExportPeopleButton } from '@/features/people';
import { AddressesTab, GeneralTab } from '@/features/profile';
import type { ProfileActions, ProfileTab } from '@/lib/profile-tabs';
import { SettingsPage } from '@/features/settings';
import { NewSegmentPage, SegmentPage, SegmentsPage } from '@/features/segments';
import { WebhooksPage } from '@/features/webhooks';

/**
 * Where features plug into the console's shell. Features never import each other (ESLint
 * enforces it: web/eslint.config.js); this file
 * (the app layer) composes them. To add a profile tab, export its component from
 * `features/<feature>/index.ts` and list it here, in the order staff see the tabs.
 */
export const profileTabs: readonly ProfileTab[] = [
  { value: 'general', label: 'General', component: GeneralTab },
  { value: 'addresses', label: 'Addresses', component: AddressesTab },
  { value: 'crm', label: 'CRM', component: CrmTab },
  { value: 'clubs', label: 'Clubs', component: ClubsTab },
  { value: 'orders', label: 'Orders', component: OrdersTab },
  { value: 'credits', label: 'Credits', component: CreditsTab },
  { value: 'cellar', label: 'Cellar', component: CellarTab, visible: cellarTabVisible },
  { value: 'changes', label: 'Changes', component: ChangesTab },
  { value: 'emails', label: 'Emails', component: EmailsTab },
  { value: 'merges', label: 'Merges', component: MergesTab },
];

/** The green "New order" and "Reservation" buttons of the profile header, with their dialogs; the admins' Privacy menu. */
export const profileActions: ProfileActions = ({ customer }) => (
  <>
    <OrderActions customer={customer} />
    <PrivacyMenu customer={customer} />
  </>
);

/** Settings → Import people: its own chunk (papaparse is not in the console's first load). */
const ImportPage = lazy(loadImportPage);

/** The admin-only Settings screens, under `/settings` (the guard is in router.tsx). */
export const settingsRoutes: RouteObject[] = [
  { index: true, element: <SettingsPage /> },
  { path: 'clubs/:clubId', element: <ClubPage /> },
  {
    path: 'import',
    element: (
      <Suspense fallback={<PageLoader />}>
        <ImportPage />
      </Suspense>
    ),
  },
  { path: 'webhooks', element: <WebhooksPage /> },
];

/** People → Segments: the list, a new one, one segment (its people exported with the People list's own Export CSV). */
export const segmentRoutes: RouteObject[] = [
  { path: 'people/segments', element: <SegmentsPage /> },
  { path: 'people/segments/new', element: <NewSegmentPage /> },
  { path: 'people/segments/:segmentId', element: <SegmentPage exportButton={ExportPeopleButton} /> },
];
