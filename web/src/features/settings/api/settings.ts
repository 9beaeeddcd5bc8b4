import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Settings } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { queryKeys } from '@/lib/query-keys';

export type CreateClassBody = paths['/v1/customer-classes']['post']['requestBody']['content']['application/json'];
export type UpdateClassBody = paths['/v1/customer-classes/{classId}']['patch']['requestBody']['content']['application/json'];
export type CreateClubBody = paths['/v1/clubs']['post']['requestBody']['content']['application/json'];
export type UpdateClubBody = paths['/v1/clubs/{clubId}']['patch']['requestBody']['content']['application/json'];

/** The whole settings document, as GET returned it with the admin's changes, under `If-Match`. */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: Settings) => unwrap(api().PUT('/v1/settings', { params: { header: ifMatch(settings.version) }, body: settings })),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.settings, saved),
  });
}

function useRefreshClassesAndClubs() {
  const queryClient = useQueryClient();
  // A club owns a class (same discount): a change to either shows in both lists, and in the people's effective classes.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.customerClasses }),
      queryClient.invalidateQueries({ queryKey: queryKeys.clubs }),
      queryClient.invalidateQueries({ queryKey: queryKeys.customers }),
    ]);
}

export function useCreateClass() {
  const refresh = useRefreshClassesAndClubs();
  return useMutation({ mutationFn: (body: CreateClassBody) => unwrap(api().POST('/v1/customer-classes', { body })), onSuccess: refresh });
}

export function useUpdateClass() {
  const refresh = useRefreshClassesAndClubs();
  return useMutation({
    mutationFn: ({ classId, version, body }: { classId: string; version: number; body: UpdateClassBody }) =>
      unwrap(api().PATCH('/v1/customer-classes/{classId}', { params: { path: { classId }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

/** 409 when people still have the class: the alert says so. */
export function useDeleteClass() {
  const refresh = useRefreshClassesAndClubs();
  return useMutation({
    mutationFn: ({ classId, version }: { classId: string; version: number }) =>
      unwrap(api().DELETE('/v1/customer-classes/{classId}', { params: { path: { classId }, header: ifMatch(version) } })),
    onSuccess: refresh,
  });
}

export function useCreateClub() {
  const refresh = useRefreshClassesAndClubs();
  return useMutation({ mutationFn: (body: CreateClubBody) => unwrap(api().POST('/v1/clubs', { body })), onSuccess: refresh });
}

/** Edits and retiring (status `retired`): a club is never deleted, its members' history keeps it. */
export function useUpdateClub() {
  const refresh = useRefreshClassesAndClubs();
  return useMutation({
    mutationFn: ({ clubId, version, body }: { clubId: string; version: number; body: UpdateClubBody }) =>
      unwrap(api().PATCH('/v1/clubs/{clubId}', { params: { path: { clubId }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}
