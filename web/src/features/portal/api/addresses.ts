import { useMutation } from '@tanstack/react-query';
import type { Address } from '@/lib/api-client';
import { portalFetch } from './client';
import { useRefreshMe } from './me';

/**
 * The member's own addresses. The endpoints are not in the API yet (asked for):
 * `POST /portal/me/addresses` and `PATCH /portal/me/addresses/{addressId}` (If-Match), with the
 * bodies and answers of the staff `/v1/customers/{id}/addresses` ones. The list comes with `GET /portal/me`.
 */
export type AddressBody = Partial<Omit<Address, 'id' | 'version'>>;

export function useSaveMyAddress() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: async ({ address, body }: { address?: Pick<Address, 'id' | 'version'>; body: AddressBody }) => {
      const response = address
        ? await portalFetch(`/portal/me/addresses/${encodeURIComponent(address.id)}`, { method: 'PATCH', headers: { 'if-match': String(address.version) }, body: JSON.stringify(body) })
        : await portalFetch('/portal/me/addresses', { method: 'POST', body: JSON.stringify(body) });
      return (await response.json()) as Address;
    },
    onSuccess: refresh,
  });
}
