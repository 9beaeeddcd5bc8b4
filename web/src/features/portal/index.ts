/**
 * The member portal's public surface: only a loader, so the portal stays its own chunk (members
 * on a phone do not download the staff console; staff do not download the portal).
 */
export const loadPortalApp = () => import('./portal-app');
