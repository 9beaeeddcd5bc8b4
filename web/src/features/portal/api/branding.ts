import { useQuery } from '@tanstack/react-query';
import { portalCall } from './client';

/**
 * The winery's public name and currency (`GET /portal/{tenantId}/branding`, no token). Kept
 * apart from the member's queries, so signing out does not forget it; it changes rarely.
 */
export function usePortalBranding(tenantId: string) {
  return useQuery({
    queryKey: ['portal-branding', tenantId],
    queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/{tenantId}/branding', { params: { path: { tenantId } }, signal })),
    staleTime: 10 * 60_000,
    enabled: tenantId !== '',
  });
}
