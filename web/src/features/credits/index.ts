export { CreditsTab } from './components/credits-tab';
