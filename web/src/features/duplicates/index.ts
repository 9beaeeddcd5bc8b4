/** People → Possible duplicates: only a loader, the screen is its own chunk. */
export const loadDuplicatesPage = () => import('./components/duplicates-page');
/** The Merges tab: only a loader, its own chunk (opened now and then). */
export const loadMergesTab = () => import('./components/merges-tab');
