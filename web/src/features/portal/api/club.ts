import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ifMatch } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { portalTokenStore } from '../lib/portal-session';
import { portalCall } from './client';
import { portalKeys } from './me';

export type MyPauseBody = paths['/portal/me/memberships/{membershipId}/pause']['post']['requestBody']['content']['application/json'];
export type MyMembershipChange = paths['/portal/me/memberships/{membershipId}']['patch']['requestBody']['content']['application/json'];
export type MyCancelBody = paths['/portal/me/memberships/{membershipId}/cancel']['post']['requestBody']['content']['application/json'];

const who = () => portalTokenStore.get()?.customerId ?? '';

export function useMyMemberships() {
  return useQuery({ queryKey: portalKeys.memberships(who()), queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/me/memberships', { signal })) });
}

export function useMyCertificates() {
  return useQuery({ queryKey: portalKeys.certificates(who()), queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/me/certificates', { signal })) });
}

/** What the winery lets members do with their memberships, its reasons, and the options of one's clubs. */
export function useMyClubOptions() {
  return useQuery({ queryKey: portalKeys.clubOptions(who()), queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/me/club-options', { signal })) });
}

/** A change of one's membership: the memberships (and what is left of the year's pause days) are read again. */
function useMembershipChange<T>(change: (membershipId: string, input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, input }: { membershipId: string; input: T }) => change(membershipId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: portalKeys.memberships(who()) }),
  });
}

export const usePauseMine = () =>
  useMembershipChange((membershipId, body: MyPauseBody) => portalCall((client) => client.POST('/portal/me/memberships/{membershipId}/pause', { params: { path: { membershipId } }, body })));

export const useResumeMine = () =>
  useMembershipChange((membershipId, _: undefined) => portalCall((client) => client.POST('/portal/me/memberships/{membershipId}/resume', { params: { path: { membershipId } } })));

export const useChangeMine = () =>
  useMembershipChange((membershipId, { version, body }: { version: number; body: MyMembershipChange }) =>
    portalCall((client) => client.PATCH('/portal/me/memberships/{membershipId}', { params: { path: { membershipId }, header: ifMatch(version) }, body })),
  );

export const useCancelMine = () =>
  useMembershipChange((membershipId, body: MyCancelBody) => portalCall((client) => client.POST('/portal/me/memberships/{membershipId}/cancel', { params: { path: { membershipId } }, body })));
