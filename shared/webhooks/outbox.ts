import { logger } from '../log';
import type { StreamChange } from '../streams/stream-handler';
import { createDelivery, type DeliveryItem } from './delivery-repository';
import { enqueueAttempt } from './delivery-queue';
import { webhookEventOf } from './webhook-events';
import { allWebhookItems, subscribes } from './webhook-repository';

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
  const endpoints = (await allWebhookItems(found.tenantId)).filter((item) => subscribes(item, found.event.type));
  let created = 0;
  for (const endpoint of endpoints) if (await createDelivery(endpoint, found.event)) created += 1;
  if (created > 0) logger.info('webhook event recorded', { tenantId: found.tenantId, eventId: found.event.id, type: found.event.type, endpoints: created });
  return endpoints.length > 0 ? 'recorded' : 'none';
}

async function queueRequestedAttempt(change: StreamChange): Promise<boolean> {
  const item = change.newItem as unknown as DeliveryItem;
  const before = change.oldItem as unknown as DeliveryItem | undefined;
  const requested = change.eventName === 'INSERT' || (item.retryRequestedAt !== null && item.retryRequestedAt !== before?.retryRequestedAt);
  if (!requested || item.status !== 'pending') return false;
  await enqueueAttempt({ tenantId: item.tenantId, webhookId: item.webhookId, deliveryId: item.id, attempt: item.attempts + 1 }, 0);
  return true;
}
