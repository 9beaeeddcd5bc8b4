import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** Every email sent to the person, newest first, with its delivery status as SES reported it. */
export function useEmailLogs(id: string) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.customers, 'email-logs', id],
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/email-logs', { params: { path: { id }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
