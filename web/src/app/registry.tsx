import type { RouteObject } from 'react-router';
import { screen } from './screen';
import { cellarTabVisible, loadCellarTab } from '@/features/cellar';
import { loadChangesTab } from '@/features/changes';
import { ClubsTab, loadClubPage } from '@/features/clubs';
import { loadMergesTab } from '@/features/duplicates';
import { PrivacyMenu } from '@/features/privacy';
import { loadCreditsTab } from '@/features/credits';
import { CrmTab } from '@/features/crm';
import { loadEmailsTab } from '@/features/emails';
import { loadImportPage } from '@/features/import';
import { OrderActions, loadOrdersTab } from '@/features/orders';
import { ExportPeopleButton } from '@/features/people';
import { AddressesTab, GeneralTab } from '@/features/profile';
import type { ProfileActions, ProfileTab, ProfileTabProps } from '@/lib/profile-tabs';
import { loadSettingsPage } from '@/features/settings';
import { loadSegmentScreens } from '@/features/segments';
import { loadWebhooksPage } from '@/features/webhooks';

/**
 * Where features plug into the console's shell. Features never import each other (ESLint
 * enforces it: web/eslint.config.js); this file
 * (the app layer) composes them. To add a profile tab, export its component from
 * `features/<feature>/index.ts` and list it here, in the order staff see the tabs.
 */
// Tabs beside General, Addresses, CRM and Clubs are their own chunks, loaded on the first click.
const tab = screen<ProfileTabProps>;
const OrdersTab = tab(async () => ({ default: (await loadOrdersTab()).OrdersTab }));
const CreditsTab = tab(async () => ({ default: (await loadCreditsTab()).CreditsTab }));
const CellarTab = tab(async () => ({ default: (await loadCellarTab()).CellarTab }));
const ChangesTab = tab(async () => ({ default: (await loadChangesTab()).ChangesTab }));
const EmailsTab = tab(async () => ({ default: (await loadEmailsTab()).EmailsTab }));
const MergesTab = tab(async () => ({ default: (await loadMergesTab()).MergesTab }));

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

// Admin screens and People → Segments are their own chunks: most staff open them rarely, and the
// console's first load stays small (papaparse, the rule builder, the webhooks' forms are not in it).
const SettingsPage = screen(async () => ({ default: (await loadSettingsPage()).SettingsPage }));
const ClubPage = screen(async () => ({ default: (await loadClubPage()).ClubPage }));
const ImportPage = screen(async () => ({ default: (await loadImportPage()).default }));
const WebhooksPage = screen(async () => ({ default: (await loadWebhooksPage()).WebhooksPage }));
const SegmentsPage = screen(async () => ({ default: (await loadSegmentScreens()).SegmentsPage }));
const NewSegmentPage = screen(async () => ({ default: (await loadSegmentScreens()).NewSegmentPage }));
const SegmentPage = screen<{ exportButton: typeof ExportPeopleButton }>(async () => ({ default: (await loadSegmentScreens()).SegmentPage }));

/** The admin-only Settings screens, under `/settings` (the guard is in router.tsx). */
export const settingsRoutes: RouteObject[] = [
  { index: true, element: <SettingsPage /> },
  { path: 'clubs/:clubId', element: <ClubPage /> },
  { path: 'import', element: <ImportPage /> },
  { path: 'webhooks', element: <WebhooksPage /> },
];

/** People → Segments: the list, a new one, one segment (its people exported with the People list's own Export CSV). */
export const segmentRoutes: RouteObject[] = [
  { path: 'people/segments', element: <SegmentsPage /> },
  { path: 'people/segments/new', element: <NewSegmentPage /> },
  { path: 'people/segments/:segmentId', element: <SegmentPage exportButton={ExportPeopleButton} /> },
];
