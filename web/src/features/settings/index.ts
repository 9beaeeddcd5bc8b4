/** Settings. Only a loader: the admin's screens are their own chunk, downloaded when an admin opens them. */
export const loadSettingsPage = () => import('./components/settings-page');
