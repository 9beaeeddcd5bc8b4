export { EmailsTab } from './components/emails-tab';
