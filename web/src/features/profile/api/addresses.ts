import { useMutation } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { useRefreshCustomer } from './customer';

export type CreateAddressBody = paths['/v1/customers/{id}/addresses']['post']['requestBody']['content']['application/json'];
export type UpdateAddressBody = NonNullable<paths['/v1/customers/{id}/addresses/{addressId}']['patch']['requestBody']>['content']['application/json'];
export type UpdateCardBody = NonNullable<paths['/v1/customers/{id}/cards/{cardId}']['patch']['requestBody']>['content']['application/json'];

export function useCreateAddress(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: (body: CreateAddressBody) => unwrap(api().POST('/v1/customers/{id}/addresses', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

/** Changes to an address (`isDefault: true` makes it the default of its kind), with `If-Match`. */
export function useUpdateAddress(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: ({ addressId, version, body }: { addressId: string; version: number; body: UpdateAddressBody }) =>
      unwrap(api().PATCH('/v1/customers/{id}/addresses/{addressId}', { params: { path: { id, addressId }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

export function useDeleteAddress(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: ({ addressId, version }: { addressId: string; version: number }) =>
      unwrap(api().DELETE('/v1/customers/{id}/addresses/{addressId}', { params: { path: { id, addressId }, header: ifMatch(version) } })),
    onSuccess: refresh,
  });
}

/** A card's expiry, holder or default; the number itself never passes through the console. */
export function useUpdateCard(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: ({ cardId, version, body }: { cardId: string; version: number; body: UpdateCardBody }) =>
      unwrap(api().PATCH('/v1/customers/{id}/cards/{cardId}', { params: { path: { id, cardId }, header: ifMatch(version) }, body })),
    onSuccess: refresh,
  });
}

export function useDeleteCard(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: ({ cardId, version }: { cardId: string; version: number }) =>
      unwrap(api().DELETE('/v1/customers/{id}/cards/{cardId}', { params: { path: { id, cardId }, header: ifMatch(version) } })),
    onSuccess: refresh,
  });
}

export function useAddEmail(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: (body: { email: string; label?: string }) => unwrap(api().POST('/v1/customers/{id}/emails', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useRemoveEmail(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: (emailId: string) => unwrap(api().DELETE('/v1/customers/{id}/emails/{emailId}', { params: { path: { id, emailId } } })),
    onSuccess: refresh,
  });
}

export type AddCardBody = paths['/v1/customers/{id}/cards']['post']['requestBody']['content']['application/json'];

/** A card the processor tokenized: the API stores the token, never a number. */
export function useAddCard(id: string) {
  const refresh = useRefreshCustomer(id);
  return useMutation({
    mutationFn: (body: AddCardBody) => unwrap(api().POST('/v1/customers/{id}/cards', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}
