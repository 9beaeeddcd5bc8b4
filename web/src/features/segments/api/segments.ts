import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schemas } from '@/lib/api-client';
import { liveList } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export type Segment = Schemas['Segment'];
export type SegmentDefinition = Pick<Segment, 'match' | 'rules'>;
export type SegmentSort = 'name' | 'number';

const segmentKey = (id: string) => [...queryKeys.segments, 'one', id] as const;

/** One segment with its live count: read again every 5 s while open, every 1.5 s while it is counted. */
export function useSegment(id: string) {
  return useQuery({
    queryKey: segmentKey(id),
    queryFn: ({ signal }) => unwrap(api().GET('/v1/segments/{segmentId}', { params: { path: { segmentId: id } }, signal })),
    refetchInterval: (query) => (query.state.data?.countedAt === null ? 1_500 : 5_000),
  });
}

function useRefreshSegments() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.segments });
}

export function useCreateSegment() {
  const refresh = useRefreshSegments();
  return useMutation({
    mutationFn: (body: { name: string } & SegmentDefinition) => unwrap(api().POST('/v1/segments', { body })),
    onSuccess: refresh,
  });
}

/** PATCH with `If-Match: <version read>`: a 412 means someone saved in between. */
export function useUpdateSegment(id: string) {
  const refresh = useRefreshSegments();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: Partial<{ name: string } & SegmentDefinition> }) =>
      unwrap(api().PATCH('/v1/segments/{segmentId}', { params: { path: { segmentId: id }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

export function useDeleteSegment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => unwrap(api().DELETE('/v1/segments/{segmentId}', { params: { path: { segmentId: id }, header: ifMatch(version) } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: segmentKey(id) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.segments });
    },
  });
}

/**
 * How many people rules pick now, while they are edited (nothing saved): asked again when the
 * rules change, the last answer kept on screen meanwhile. `definition` undefined: nothing to ask.
 */
export function useDryCount(definition: SegmentDefinition | undefined) {
  return useQuery({
    queryKey: [...queryKeys.segments, 'dry-count', definition] as const,
    queryFn: ({ signal }) => unwrap(api().POST('/v1/segments/dry-count', { body: definition!, signal })),
    enabled: definition !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

/** The regions and countries found on people's billing addresses, for the pickers. */
export function useSegmentValues() {
  return useQuery({ queryKey: [...queryKeys.segments, 'values'] as const, queryFn: () => unwrap(api().GET('/v1/segments/values')), staleTime: 60_000 });
}

/** The segment's people, a page at a time, by name or by number, kept current while open (`liveList`). */
export function useSegmentPeople(segmentId: string, sort: SegmentSort) {
  return useInfiniteQuery({
    // Under `customers`: a change to a person refreshes it, as it does the People list.
    queryKey: [...queryKeys.customers, 'segment', segmentId, sort] as const,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api().GET('/v1/customers', {
          params: { query: { segmentId, limit: 25, ...(sort !== 'name' ? { sort } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    ...liveList,
  });
}
