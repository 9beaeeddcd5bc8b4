import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

// Under the `customers` prefix, so any write to the person (an order, a credit) refreshes the timeline too.
const timelineKey = (id: string) => [...queryKeys.customers, 'timeline', id] as const;
const notesKey = (id: string) => [...queryKeys.customers, 'notes', id] as const;

/** Everything that happened to the person, newest first, a page at a time ("Load more"). */
export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: timelineKey(id),
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/timeline', { params: { path: { id }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNotes(id: string) {
  return useInfiniteQuery({
    queryKey: notesKey(id),
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/notes', { params: { path: { id }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useRefreshPerson() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.customers });
}

export function useAddNote(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (body: string) => unwrap(api().POST('/v1/customers/{id}/notes', { params: { path: { id } }, body: { body } })),
    onSuccess: refresh,
  });
}

/** Only its author or an admin may (the API checks; the tab offers it only to them). */
export function useDeleteNote(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (noteId: string) => unwrap(api().DELETE('/v1/customers/{id}/notes/{noteId}', { params: { path: { id, noteId } } })),
    onSuccess: refresh,
  });
}
