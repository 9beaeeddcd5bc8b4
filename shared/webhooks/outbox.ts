import { logger } from '../log';
import type { StreamChange } from '../streams/stream-handler';
import { createDelivery, type DeliveryItem } from './delivery-repository';
import { enqueueAttempt } from './delivery-queue';
import { webhookEventOf } from './webhook-events';
import { allWebhookItems, subscribes, type WebhookItem } from './webhook-repository';

/**
 * The outbox: the table's stream is the only way into the delivery queues.
 *
 * 1. A change that means an event (`webhook-events.ts`) becomes one delivery item per enabled
 *    endpoint that takes its type, each written only if absent: a redelivered record writes nothing.
 * 2. A new delivery item (from step 1, or a `ping`), or one whose retry was asked for by hand,
 *    puts its next attempt on the queue. A redelivered record queues it again, which is harmless:
 *    the sender claims each attempt once.
 *
 * So nothing is queued that is not written, and nothing written is lost if queueing fails: the
 * record is reported and the stream delivers it again.
 */
export async function applyOutboxChange(change: StreamChange): Promise<'queued' | 'recorded' | 'none'> {
  if (change.newItem?.type === 'webhook-delivery') return (await queueRequestedAttempt(change)) ? 'queued' : 'none';
  const found = webhookEventOf(change);
  if (!found) return 'none';
  const endpoints = (await endpointsOf(found.tenantId)).filter((item) => subscribes(item, found.event.type));
  let created = 0;
  for (const endpoint of endpoints) if (await createDelivery(endpoint, found.event)) created += 1;
  if (created > 0) logger.info('webhook event recorded', { tenantId: found.tenantId, eventId: found.event.id, type: found.event.type, endpoints: created });
  return endpoints.length > 0 ? 'recorded' : 'none';
}

/**
 * A winery's endpoints, read at most once a second per container: a burst of changes (an import)
 * costs one Query a second, not one per change. An endpoint added, changed or disabled counts
 * from a second later at most; the sender reads the endpoint afresh before every attempt.
 */
const ENDPOINTS_TTL_MS = 1000;
const endpointCache = new Map<string, { at: number; items: Promise<WebhookItem[]> }>();

function endpointsOf(tenantId: string): Promise<WebhookItem[]> {
  const hit = endpointCache.get(tenantId);
  if (hit && performance.now() - hit.at < ENDPOINTS_TTL_MS) return hit.items;
  const items = allWebhookItems(tenantId);
  endpointCache.set(tenantId, { at: performance.now(), items });
  items.catch(() => endpointCache.delete(tenantId));
  // Bounded: a container serves many wineries over its life.
  if (endpointCache.size > 500) endpointCache.delete(endpointCache.keys().next().value!);
  return items;
}

async function queueRequestedAttempt(change: StreamChange): Promise<boolean> {
  const item = change.newItem as unknown as DeliveryItem;
  const before = change.oldItem as unknown as DeliveryItem | undefined;
  const requested = change.eventName === 'INSERT' || (item.retryRequestedAt !== null && item.retryRequestedAt !== before?.retryRequestedAt);
  if (!requested || item.status !== 'pending') return false;
  await enqueueAttempt({ tenantId: item.tenantId, webhookId: item.webhookId, deliveryId: item.id, attempt: item.attempts + 1 }, 0);
  return true;
}
