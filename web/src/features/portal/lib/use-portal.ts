import { useSyncExternalStore } from 'react';
import { useParams } from 'react-router';
import { DEFAULT_TIME_ZONE } from '@/lib/datetime';
import { usePortalBranding } from '../api/branding';
import { tenantDisplayName } from './format';
import { portalTokenStore, type PortalSession } from './portal-session';

/**
 * The winery the portal belongs to (from `/portal/:tenantId`), with its public name, currency and
 * time zone (`GET /portal/{tenantId}/branding`). The layout waits for them before any page renders; should
 * the request fail, the tenant id, capitalised, and the default currency stand in.
 */
export function usePortalTenant() {
  const tenantId = useParams().tenantId ?? '';
  const branding = usePortalBranding(tenantId);
  return {
    tenantId,
    wineryName: branding.data?.wineryName ?? tenantDisplayName(tenantId),
    currency: branding.data?.currency ?? 'USD',
    /** The winery's zone: a certificate's last day, an order's date are the winery's days. */
    timeZone: branding.data?.timeZone ?? DEFAULT_TIME_ZONE,
    /** True until the name is known (or known to be unavailable). */
    brandingPending: branding.isPending && branding.fetchStatus !== 'idle',
  };
}

/** The member's session for this winery: a token of another winery does not count here. */
export function usePortalSession(): PortalSession | undefined {
  const { tenantId } = usePortalTenant();
  const session = useSyncExternalStore(portalTokenStore.subscribe, portalTokenStore.get);
  return session?.tenantId === tenantId ? session : undefined;
}
