import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { queryKeys } from '@/lib/query-keys';

export type JoinClubBody = paths['/v1/customers/{id}/memberships']['post']['requestBody']['content']['application/json'];
export type UpdateMembershipBody = paths['/v1/customers/{id}/memberships/{membershipId}']['patch']['requestBody']['content']['application/json'];
export type SwitchBody = paths['/v1/customers/{id}/memberships/{membershipId}/switch']['post']['requestBody']['content']['application/json'];
export type PauseBody = paths['/v1/customers/{id}/memberships/{membershipId}/pause']['post']['requestBody']['content']['application/json'];
export type CancelBody = paths['/v1/customers/{id}/memberships/{membershipId}/cancel']['post']['requestBody']['content']['application/json'];
export type IssueCertificateBody = paths['/v1/customers/{id}/certificates']['post']['requestBody']['content']['application/json'];

/**
 * Memberships and certificates come with the profile (GET /v1/customers/{id}); every write here
 * refreshes it, and the people lists (club member counts, the effective class).
 */
function useRefreshPerson() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.customers });
}

export function useJoinClub(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (body: JoinClubBody) => unwrap(api().POST('/v1/customers/{id}/memberships', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

/** Owner, variant or shipping: a PATCH with `If-Match`, so a concurrent change is a 412, not lost. */
export function useUpdateMembership(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: ({ membershipId, version, body }: { membershipId: string; version: number; body: UpdateMembershipBody }) =>
      unwrap(api().PATCH('/v1/customers/{id}/memberships/{membershipId}', { params: { path: { id, membershipId }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

/** A pause now or booked for later (`from`), with the winery's hold reason; `saveOffer` when taken instead of a cancel. */
export function usePauseMembership(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: ({ membershipId, body }: { membershipId: string; body: PauseBody }) =>
      unwrap(api().POST('/v1/customers/{id}/memberships/{membershipId}/pause', { params: { path: { id, membershipId } }, body })),
    onSuccess: refresh,
  });
}

export function useResumeMembership(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (membershipId: string) => unwrap(api().POST('/v1/customers/{id}/memberships/{membershipId}/resume', { params: { path: { id, membershipId } } })),
    onSuccess: refresh,
  });
}

export function useSwitchMembership(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: ({ membershipId, body }: { membershipId: string; body: SwitchBody }) =>
      unwrap(api().POST('/v1/customers/{id}/memberships/{membershipId}/switch', { params: { path: { id, membershipId } }, body })),
    onSuccess: refresh,
  });
}

export function useCancelMembership(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: ({ membershipId, body }: { membershipId: string; body: CancelBody }) =>
      unwrap(api().POST('/v1/customers/{id}/memberships/{membershipId}/cancel', { params: { path: { id, membershipId } }, body })),
    onSuccess: refresh,
  });
}

/** People whose name, email, phone or number starts with `q`, for the giver of a gift (a few, as typed). */
export function usePersonSearch(q: string) {
  return useQuery({
    queryKey: [...queryKeys.customers, 'search', q],
    queryFn: ({ signal }) => unwrap(api().GET('/v1/customers', { params: { query: { q, limit: 10 } }, signal })),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useIssueCertificate(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (body: IssueCertificateBody) => unwrap(api().POST('/v1/customers/{id}/certificates', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useRedeemCertificate(id: string) {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: (certificateId: string) =>
      unwrap(api().POST('/v1/customers/{id}/certificates/{certificateId}/redeem', { params: { path: { id, certificateId } } })),
    onSuccess: refresh,
  });
}
