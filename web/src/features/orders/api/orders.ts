import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';
import { queryKeys } from '@/lib/query-keys';

export type CreateOrderBody = paths['/v1/orders']['post']['requestBody']['content']['application/json'];
export type CreateReservationBody = paths['/v1/reservations']['post']['requestBody']['content']['application/json'];

// Under the `customers` prefix: a write to the person (a credit, a membership) refreshes these too.
const ordersKey = (customerId: string) => [...queryKeys.customers, 'orders', customerId] as const;
const orderKey = (orderId: string) => [...queryKeys.customers, 'order', orderId] as const;

/** The person's order history, newest first, a page at a time. */
export function useCustomerOrders(customerId: string) {
  return useInfiniteQuery({
    queryKey: ordersKey(customerId),
    queryFn: ({ pageParam, signal }) => unwrap(api().GET('/v1/customers/{id}/orders', { params: { path: { id: customerId }, query: { cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrder(orderId: string) {
  return useQuery({ queryKey: orderKey(orderId), queryFn: ({ signal }) => unwrap(api().GET('/v1/orders/{orderId}', { params: { path: { orderId } }, signal })) });
}

/** How long the stream takes to take a cancelled order out of the person's statistics, with room to spare. */
const STATS_LAG_MS = 2_500;

/**
 * An order or reservation changes the person's balance, timeline, history and order statistics
 * at once: refresh all of it. A cancel takes the order out of the statistics a moment later
 * (kept from the stream): refresh again then.
 */
function useRefreshPerson({ statsLag = false } = {}) {
  const queryClient = useQueryClient();
  return () => {
    if (statsLag) setTimeout(() => void queryClient.invalidateQueries({ queryKey: queryKeys.customers }), STATS_LAG_MS);
    return queryClient.invalidateQueries({ queryKey: queryKeys.customers });
  };
}

/**
 * `idempotencyKey` is made once per form: a retry of the same order (a double click, a lost
 * answer) returns the first order instead of placing a second one.
 */
export function useCreateOrder() {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateOrderBody; idempotencyKey: string }) =>
      unwrap(api().POST('/v1/orders', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: refresh,
  });
}

export function useCancelOrder() {
  const refresh = useRefreshPerson({ statsLag: true });
  return useMutation({
    mutationFn: ({ orderId, reason }: { orderId: string; reason?: string }) =>
      unwrap(api().POST('/v1/orders/{orderId}/cancel', { params: { path: { orderId } }, body: reason ? { reason } : {} })),
    onSuccess: refresh,
  });
}

export function useCreateReservation() {
  const refresh = useRefreshPerson();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateReservationBody; idempotencyKey: string }) =>
      unwrap(api().POST('/v1/reservations', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: refresh,
  });
}

/**
 * The receipt is behind the Bearer token, so a plain link cannot fetch it: fetch it through the
 * API client, then hand the browser the PDF as a file.
 */
export function useDownloadReceipt() {
  return useMutation({
    mutationFn: async ({ orderId, orderNumber }: { orderId: string; orderNumber: number }) => {
      const pdf = await unwrap(api().GET('/v1/orders/{orderId}/receipt', { params: { path: { orderId } }, parseAs: 'blob' }));
      const url = URL.createObjectURL(pdf);
      const link = document.createElement('a');
      link.href = url;
      link.download = `receipt-${orderNumber}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      // The click has started the download; the URL can go once the browser has read it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}
