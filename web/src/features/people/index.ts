export { PeopleDashboard } from './components/people-dashboard';
export { AddPersonPage } from './components/add-person-page';
export { ExportPeopleButton } from './components/export-people-button';
