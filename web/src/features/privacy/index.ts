export { PrivacyMenu } from './components/privacy-menu';
