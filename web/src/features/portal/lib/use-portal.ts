import { useSyncExternalStore } from 'react';
import { useParams } from 'react-router';
import { tenantDisplayName } from './format';
import { portalTokenStore, type PortalSession } from './portal-session';

/**
 * The winery the portal belongs to (from `/portal/:tenantId`). Its public name needs
 * `GET /portal/{tenantId}/branding` → `{ wineryName, currency }` (asked for); until then the
 * tenant id, capitalised, and the default currency.
 */
export function usePortalTenant() {
  const tenantId = useParams().tenantId ?? '';
  return { tenantId, wineryName: tenantDisplayName(tenantId), currency: 'USD' };
}

/** The member's session for this winery: a token of another winery does not count here. */
export function usePortalSession(): PortalSession | undefined {
  const { tenantId } = usePortalTenant();
  const session = useSyncExternalStore(portalTokenStore.subscribe, portalTokenStore.get);
  return session?.tenantId === tenantId ? session : undefined;
}
