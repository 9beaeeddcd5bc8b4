export { CrmTab } from './components/crm-tab';
