export { ChangesTab } from './components/changes-tab';
