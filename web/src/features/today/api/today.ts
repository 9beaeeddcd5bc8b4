import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { liveList } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

/**
 * A day at the winery (`YYYY-MM-DD`, the winery's day in its zone): reservations by start time,
 * orders newest first. Every page is read (a day holds tens, not thousands), and read again while
 * the front desk keeps the screen open (`liveList`).
 */
export function useReservationsOfDay(date: string) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.customers, 'day', 'reservations', date],
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/reservations', { params: { query: { date, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...liveList,
  });
}

export function useOrdersOfDay(date: string) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.customers, 'day', 'orders', date],
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/orders', { params: { query: { date, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...liveList,
  });
}

/** The people of the day's list, each read once (the profile's own query, shared with the profile page). */
export function usePeopleOf(customerIds: readonly string[]) {
  const ids = [...new Set(customerIds)];
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: queryKeys.customer(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => unwrap(api().GET('/v1/customers/{id}', { params: { path: { id } }, signal })),
      staleTime: 60_000,
    })),
  });
  return new Map(ids.map((id, index) => [id, results[index]?.data]));
}
