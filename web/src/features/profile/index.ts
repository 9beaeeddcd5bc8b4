export { ProfilePage, type ProfileTab, type ProfileTabProps } from './components/profile-page';
export { GeneralTab } from './components/general-tab';
export { AddressesTab } from './components/addresses-tab';
