/** The Changes tab: only a loader, its own chunk (opened now and then). */
export const loadChangesTab = () => import('./components/changes-tab');
