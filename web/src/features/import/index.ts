/**
 * Settings → Import people. Only a loader: the screen (and papaparse with it) is its own chunk,
 * downloaded when an admin opens it, not with the console.
 */
export const loadImportPage = () => import('./components/import-page');
