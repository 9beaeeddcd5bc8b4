import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { queryKeys } from '@/lib/query-keys';

export type UpdateCustomerBody = NonNullable<paths['/v1/customers/{id}']['patch']['requestBody']>['content']['application/json'];

/** The profile page in one call: the person with addresses, cards, emails, memberships, certificates. */
export function useCustomer(id: string) {
  return useQuery({ queryKey: queryKeys.customer(id), queryFn: ({ signal }) => unwrap(api().GET('/v1/customers/{id}', { params: { path: { id } }, signal })) });
}

/** After any write to a person: the profile and the lists that show them. */
export function useRefreshCustomer(id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.customers }).then(() => queryClient.invalidateQueries({ queryKey: queryKeys.customer(id) }));
}

/** PATCH with `If-Match: <version read>`: a 412 means someone saved in between. */
export function useUpdateCustomer(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: UpdateCustomerBody }) =>
      unwrap(api().PATCH('/v1/customers/{id}', { params: { path: { id }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

export function useVerifyAge(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: ({ method, note }: { method: 'manual' | 'electronic'; note?: string }) =>
      unwrap(api().POST('/v1/customers/{id}/age-verification', { params: { path: { id } }, body: { method, ...(note ? { note } : {}) } })),
    onSuccess: refresh,
  });
}

/** Emails the person a link to set a new password. */
export function useSendPasswordReset(id: string) {
  return useMutation({ mutationFn: () => unwrap(api().POST('/v1/customers/{id}/password', { params: { path: { id } }, body: {} })) });
}

/** A short-lived portal token, so staff can open the person's club portal. */
export function useCreatePortalSession(id: string) {
  return useMutation({ mutationFn: () => unwrap(api().POST('/v1/customers/{id}/portal-session', { params: { path: { id } } })) });
}
