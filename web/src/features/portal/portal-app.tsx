import { useRoutes } from 'react-router';
import { portalRoutes } from './routes';

/**
 * The member portal as one component, so the app can load it lazily: members on a phone do not
 * download the staff console, and staff do not download the portal.
 */
export default function PortalApp() {
  return useRoutes(portalRoutes);
}
