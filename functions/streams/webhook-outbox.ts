import { streamHandler } from '../../shared/streams/stream-handler';
import { applyOutboxChange } from '../../shared/webhooks/outbox';

/**
 * Turns the table's changes into webhook deliveries (one per event and endpoint, written once),
 * and queues the first attempt of each new delivery and of each retry asked for by hand.
 */
export const handler = streamHandler('webhook-outbox', async (change) => {
  await applyOutboxChange(change);
});
