import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@/lib/api-schema';
import { portalTokenStore } from '../lib/portal-session';
import { portalCall } from './client';

export type UpdateMeBody = paths['/portal/me']['patch']['requestBody']['content']['application/json'];

/** Everything portal queries are keyed under, per person, so another person's sign-in in this tab never sees cached data. */
export const portalKeys = {
  all: ['portal'] as const,
  me: (customerId: string) => ['portal', customerId, 'me'] as const,
  memberships: (customerId: string) => ['portal', customerId, 'memberships'] as const,
  clubOptions: (customerId: string) => ['portal', customerId, 'club-options'] as const,
  certificates: (customerId: string) => ['portal', customerId, 'certificates'] as const,
  orders: (customerId: string) => ['portal', customerId, 'orders'] as const,
  cellar: (customerId: string) => ['portal', customerId, 'cellar'] as const,
};

const who = () => portalTokenStore.get()?.customerId ?? '';

export function useMe() {
  return useQuery({ queryKey: portalKeys.me(who()), queryFn: ({ signal }) => portalCall((client) => client.GET('/portal/me', { signal })) });
}

export function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: portalKeys.me(who()) });
}

export function useUpdateMe() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => portalCall((client) => client.PATCH('/portal/me', { body })),
    onSuccess: refresh,
  });
}

/**
 * A password change ends every session of the person, this one included (the API compares the
 * token's password generation), so the member is signed in again with the new password before
 * the change counts as done; should that fail, they sign in themselves.
 */
export function useChangePassword(tenantId: string, email: string) {
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) => {
      await portalCall((client) => client.POST('/portal/me/password', { body }));
      try {
        const { token } = await portalCall((client) => client.POST('/portal/{tenantId}/login', { params: { path: { tenantId } }, body: { email, password: body.newPassword } }));
        portalTokenStore.set(token);
      } catch {
        portalTokenStore.set(undefined);
      }
    },
  });
}
