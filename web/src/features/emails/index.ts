/** The Emails tab: only a loader, its own chunk (opened now and then). */
export const loadEmailsTab = () => import('./components/emails-tab');
