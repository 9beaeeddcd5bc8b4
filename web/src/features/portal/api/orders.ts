import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { portalTokenStore } from '../lib/portal-session';
import { portalCall, portalFetch } from './client';
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
 * Opens one's own receipt (PDF) in a new tab. Needs `GET /portal/me/orders/{orderId}/receipt`
 * (not in the API yet); the PDF is fetched with the token, so it never appears in a URL.
 */
export function useOpenReceipt() {
  return useMutation({
    mutationFn: async (orderId: string) => {
      const response = await portalFetch(`/portal/me/orders/${encodeURIComponent(orderId)}/receipt`, { headers: { accept: 'application/pdf' } });
      const url = URL.createObjectURL(await response.blob());
      window.open(url, '_blank', 'noopener');
      // The new tab has loaded the blob by then; the URL is not needed after.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  });
}
