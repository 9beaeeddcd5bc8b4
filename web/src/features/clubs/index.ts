export { ClubsTab } from './components/clubs-tab';
export { ClubPage } from './components/club-page';
