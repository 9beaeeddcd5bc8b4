/** The Credits tab: only a loader, its own chunk (opened now and then). */
export const loadCreditsTab = () => import('./components/credits-tab');
