import { useMutation } from '@tanstack/react-query';
import { ifMatch, type Address } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { portalCall } from './client';
import { useRefreshMe } from './me';

/**
 * The member's own addresses (`/portal/me/addresses`): the bodies and answers of the staff
 * address endpoints, for the token's person only. The list comes with `GET /portal/me`.
 */
export type CreateMyAddressBody = paths['/portal/me/addresses']['post']['requestBody']['content']['application/json'];
export type UpdateMyAddressBody = paths['/portal/me/addresses/{addressId}']['patch']['requestBody']['content']['application/json'];

type Versioned = Pick<Address, 'id' | 'version'>;

export function useCreateMyAddress() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (body: CreateMyAddressBody) => portalCall((client) => client.POST('/portal/me/addresses', { body })),
    onSuccess: refresh,
  });
}

/** Sends the version the form started from: someone else's change since is a 412 ("Reload"). */
export function useUpdateMyAddress() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: ({ address, body }: { address: Versioned; body: UpdateMyAddressBody }) =>
      portalCall((client) => client.PATCH('/portal/me/addresses/{addressId}', { params: { path: { addressId: address.id }, header: ifMatch(address.version) }, body })),
    onSuccess: refresh,
  });
}

/** A default address cannot be removed (409): another one becomes the default first. */
export function useDeleteMyAddress() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (address: Versioned) =>
      portalCall((client) => client.DELETE('/portal/me/addresses/{addressId}', { params: { path: { addressId: address.id }, header: ifMatch(address.version) } })),
    onSuccess: refresh,
  });
}
