import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

const creditsKey = (id: string) => [...queryKeys.customers, 'credits', id] as const;

/** The balance and the ledger, newest entry first, a page at a time. */
export function useCredits(id: string) {
  return useInfiniteQuery({
    queryKey: creditsKey(id),
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/credits', { params: { path: { id }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * A positive amount adds credit, a negative one uses it; the API refuses (409) what would take the
 * balance below zero. The idempotency key belongs to one entry the staff member means to make.
 */
export function useAddCredit(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ amountCents, reason, idempotencyKey }: { amountCents: number; reason: string; idempotencyKey: string }) =>
      unwrap(api().POST('/v1/customers/{id}/credits', { params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } }, body: { amountCents, reason } })),
    // The balance also shows in the profile header.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
  });
}
