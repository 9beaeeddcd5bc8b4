export { ClubsTab } from './components/clubs-tab';
/** Settings → a club's page (stats, reasons): only a loader, its own chunk. */
export const loadClubPage = () => import('./components/club-page');
