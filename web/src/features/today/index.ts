/** Today: only a loader, the screen is its own chunk. */
export const loadTodayPage = () => import('./components/today-page');
