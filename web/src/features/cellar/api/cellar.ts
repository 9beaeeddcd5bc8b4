import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { queryKeys } from '@/lib/query-keys';

export type AddCellarBody = paths['/v1/customers/{id}/cellar']['post']['requestBody']['content']['application/json'];
export type UpdateCellarBody = paths['/v1/customers/{id}/cellar/{itemId}']['patch']['requestBody']['content']['application/json'];

const cellarKey = (id: string) => [...queryKeys.customers, 'cellar', id] as const;

export function useCellar(id: string) {
  return useInfiniteQuery({
    queryKey: cellarKey(id),
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/cellar', { params: { path: { id }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useRefreshCellar(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: cellarKey(id) });
}

export function useAddCellarItem(id: string) {
  const refresh = useRefreshCellar(id);
  return useMutation({
    mutationFn: (body: AddCellarBody) => unwrap(api().POST('/v1/customers/{id}/cellar', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

/** With `If-Match`: two staff members moving the same bottles get a 412, not a lost change. */
export function useUpdateCellarItem(id: string) {
  const refresh = useRefreshCellar(id);
  return useMutation({
    mutationFn: ({ itemId, version, body }: { itemId: string; version: number; body: UpdateCellarBody }) =>
      unwrap(api().PATCH('/v1/customers/{id}/cellar/{itemId}', { params: { path: { id, itemId }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

export function useRemoveCellarItem(id: string) {
  const refresh = useRefreshCellar(id);
  return useMutation({
    mutationFn: ({ itemId, version }: { itemId: string; version: number }) =>
      unwrap(api().DELETE('/v1/customers/{id}/cellar/{itemId}', { params: { path: { id, itemId }, header: ifMatch(version) } })),
    onSuccess: refresh,
  });
}
