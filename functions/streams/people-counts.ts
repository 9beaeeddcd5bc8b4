import type { CustomerItem } from '../../shared/people/customer-items';
import { applyCountsDelta, countsDelta } from '../../shared/people/people-counts';
import { streamHandler } from '../../shared/streams/stream-handler';

/** Keeps the dashboard counts per filter label: people, and people with a live club membership. */
export const handler = streamHandler('people-counts', async (change) => {
  const oldItem = change.oldItem as CustomerItem | undefined;
  const newItem = change.newItem as CustomerItem | undefined;
  const tenantId = (newItem ?? oldItem)?.tenantId;
  if (tenantId) await applyCountsDelta(tenantId, change.eventId, countsDelta(oldItem, newItem));
});
