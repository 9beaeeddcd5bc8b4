export { ProfilePage } from './components/profile-page';
export { GeneralTab } from './components/general-tab';
export { AddressesTab } from './components/addresses-tab';
