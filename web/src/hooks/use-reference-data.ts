import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * The tenant's reference data that many screens read (settings for flags and required fields,
 * customer classes, clubs). Shared hooks, so features need not import each other; the Settings
 * feature invalidates the same keys after a change.
 */
export function useSettings() {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => unwrap(api().GET('/v1/settings')), staleTime: 60_000 });
}

export function useCustomerClasses() {
  return useQuery({ queryKey: queryKeys.customerClasses, queryFn: () => unwrap(api().GET('/v1/customer-classes')), staleTime: 60_000 });
}

export function useClubs() {
  return useQuery({ queryKey: queryKeys.clubs, queryFn: () => unwrap(api().GET('/v1/clubs')), staleTime: 60_000 });
}

/**
 * The staff directory (`GET /v1/staff`: staff the service has seen changing people), for owner
 * pickers and for naming staff by their id.
 */
export function useStaff() {
  return useQuery({ queryKey: queryKeys.staff, queryFn: () => unwrap(api().GET('/v1/staff', { params: { query: { limit: 100 } } })), staleTime: 60_000 });
}

/**
 * The winery's segments with their live counts (the People list filters by one; the Segments
 * screens show them). Counts follow people's changes within seconds, so they are read again
 * every 5 s while shown, every 1.5 s while a segment is being counted.
 */
export function useSegments() {
  return useQuery({
    queryKey: queryKeys.segments,
    queryFn: () => unwrap(api().GET('/v1/segments', { params: { query: { limit: 100 } } })),
    refetchInterval: (query) => (query.state.data?.items.some((segment) => segment.countedAt === null) ? 1_500 : 5_000),
  });
}
