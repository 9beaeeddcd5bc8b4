export { ClubsTab } from './components/clubs-tab';
