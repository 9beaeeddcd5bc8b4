import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schemas } from '@/lib/api-client';
import type { paths } from '@/lib/api-schema';

export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type CreateWebhookBody = paths['/v1/webhooks']['post']['requestBody']['content']['application/json'];
export type UpdateWebhookBody = paths['/v1/webhooks/{webhookId}']['patch']['requestBody']['content']['application/json'];

const keys = {
  all: ['webhooks'] as const,
  deliveries: (webhookId: string, cursor: string | undefined) => ['webhooks', webhookId, 'deliveries', cursor ?? ''] as const,
};

/** The winery's endpoints (at most 20: one page holds them all). */
export function useWebhooks() {
  return useQuery({ queryKey: keys.all, queryFn: () => unwrap(api().GET('/v1/webhooks', { params: { query: { limit: 100 } } })) });
}

/** The answer holds the secret, shown once: the caller keeps it only to show it. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => unwrap(api().POST('/v1/webhooks', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webhook, body }: { webhook: Webhook; body: UpdateWebhookBody }) =>
      unwrap(api().PATCH('/v1/webhooks/{webhookId}', { params: { path: { webhookId: webhook.id }, header: ifMatch(webhook.version) }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhook: Webhook) =>
      unwrap(api().DELETE('/v1/webhooks/{webhookId}', { params: { path: { webhookId: webhook.id }, header: ifMatch(webhook.version) } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/** A new secret, shown once; the old one keeps signing for 24 hours. */
export function useRotateSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) => unwrap(api().POST('/v1/webhooks/{webhookId}/rotate-secret', { params: { path: { webhookId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useTestWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) => unwrap(api().POST('/v1/webhooks/{webhookId}/test', { params: { path: { webhookId } } })),
    onSuccess: (_data, webhookId) => queryClient.invalidateQueries({ queryKey: ['webhooks', webhookId] }),
  });
}

/**
 * A page of an endpoint's deliveries, newest first. They change on their own (attempts happen
 * in the background), so the list reads again every 5 s while it is open.
 */
export function useDeliveries(webhookId: string, cursor: string | undefined) {
  return useQuery({
    queryKey: keys.deliveries(webhookId, cursor),
    queryFn: () =>
      unwrap(api().GET('/v1/webhooks/{webhookId}/deliveries', { params: { path: { webhookId }, query: { limit: 25, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
}

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      unwrap(api().POST('/v1/webhooks/{webhookId}/deliveries/{deliveryId}/retry', { params: { path: { webhookId, deliveryId } } })),
    onSuccess: (_data, { webhookId }) => queryClient.invalidateQueries({ queryKey: ['webhooks', webhookId] }),
  });
}
