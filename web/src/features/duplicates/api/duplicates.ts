import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

export type DuplicatePair = Schemas['DuplicatePair'];
export type Merge = Schemas['Merge'];

// Under the `customers` prefix: a merge or an undo refreshes every list, count and profile shown.
const duplicatesKey = [...queryKeys.customers, 'duplicates'] as const;
const mergesKey = (id: string) => [...queryKeys.customers, 'merges', id] as const;

/** Possible duplicates, likeliest first, a page at a time. */
export function useDuplicates() {
  return useInfiniteQuery({
    queryKey: duplicatesKey,
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/duplicates', { params: { query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDismissPair() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (pairId: string) => unwrap(api().POST('/v1/customers/duplicates/{pairId}/dismiss', { params: { path: { pairId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: duplicatesKey }),
  });
}

/**
 * Merges `absorbedId` into `survivorId`. A very large person may take more than one request
 * (202: still moving); the same request is sent again until the merge is done. The key makes a
 * retry answer the first response.
 */
export function useMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ survivorId, absorbedId }: { survivorId: string; absorbedId: string }) => {
      const key = `merge-${survivorId}-${absorbedId}-${crypto.randomUUID()}`;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const result = await api().POST('/v1/customers/{id}/merge', {
          params: { path: { id: survivorId }, header: { 'Idempotency-Key': key } },
          body: { absorbedId },
        });
        if (result.response.status !== 202) return unwrap(Promise.resolve(result));
      }
      throw new Error('The merge is still running; send it again from the duplicates list.');
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
  });
}

/** The merges into a person, newest first. */
export function useMerges(id: string) {
  return useQuery({
    queryKey: mergesKey(id),
    queryFn: ({ signal }) => unwrap(api().GET('/v1/customers/{id}/merges', { params: { path: { id } }, signal })),
  });
}

/**
 * Undoes a merge, named by its id or, right after a merge (the toast's Undo), by its two people:
 * then it is the survivor's newest merge of that person that can still be undone.
 */
export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (which: string | { survivorId: string; absorbedId: string }) => {
      let mergeId = typeof which === 'string' ? which : undefined;
      if (typeof which !== 'string') {
        const merges = await unwrap(api().GET('/v1/customers/{id}/merges', { params: { path: { id: which.survivorId } } }));
        mergeId = merges.items.find((m) => m.absorbedId === which.absorbedId && m.undoableUntil !== null)?.id;
        if (!mergeId) throw new Error('This merge can no longer be undone.');
      }
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const result = await api().POST('/v1/merges/{mergeId}/undo', { params: { path: { mergeId: mergeId! } } });
        if (result.response.status !== 202) return unwrap(Promise.resolve(result));
      }
      throw new Error('The undo is still running; try Undo again.');
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
  });
}
