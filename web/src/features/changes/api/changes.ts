import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** The person's audit log, newest first. Written from the table's stream, so a change may show a moment late. */
export function useChanges(id: string) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.customers, 'changes', id],
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/changes', { params: { path: { id }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
