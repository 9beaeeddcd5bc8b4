import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { portalTokenStore } from '../lib/portal-session';
import { portalCall } from './client';
import { portalKeys } from './me';

const who = () => portalTokenStore.get()?.customerId ?? '';

/** One's orders, newest first, a page at a time ("Show more"). */
export function useMyOrders() {
  return useInfiniteQuery({
    queryKey: portalKeys.orders(who()),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => portalCall((client) => client.GET('/portal/me/orders', { params: { query: { limit: 10, cursor: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The cellar; a 403 feature-disabled (the winery does not use it) is an answer, not an error to retry. */
export function useMyCellar() {
  return useInfiniteQuery({
    queryKey: portalKeys.cellar(who()),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => portalCall((client) => client.GET('/portal/me/cellar', { params: { query: { limit: 25, cursor: pageParam } }, signal })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * Downloads one's own receipt (`GET /portal/me/orders/{orderId}/receipt`, a PDF). It is fetched
 * with the portal token, so the token never appears in a URL, and saved from a blob.
 */
export function useDownloadReceipt() {
  return useMutation({
    mutationFn: async (order: { id: string; orderNumber: number }) => {
      const pdf = await portalCall((client) => client.GET('/portal/me/orders/{orderId}/receipt', { params: { path: { orderId: order.id } }, parseAs: 'blob' }));
      const url = URL.createObjectURL(pdf);
      try {
        const link = document.createElement('a');
        link.href = url;
        link.download = `receipt-${order.orderNumber}.pdf`;
        link.click();
      } finally {
        // The click has handed the blob to the download by now.
        setTimeout(() => URL.revokeObjectURL(url), 0);
      }
    },
  });
}
