import { customerChangeMatters, reassignClass } from '../../shared/clubs/class-assignment';
import type { CustomerItem } from '../../shared/people/customer-items';
import { streamHandler } from '../../shared/streams/stream-handler';

/** Recomputes a person's effective class whenever their memberships or their own class change. */
export const handler = streamHandler('class-assignment', async (change) => {
  const item = (change.newItem ?? change.oldItem) as { type?: string; tenantId?: string; customerId?: string; id?: string } | undefined;
  if (!item?.tenantId) return;
  if (item.type === 'membership' && item.customerId) return reassignClass(item.tenantId, item.customerId);
  if (item.type === 'customer' && item.id && customerChangeMatters(change.oldItem as CustomerItem | undefined, change.newItem as CustomerItem | undefined)) {
    return reassignClass(item.tenantId, item.id);
  }
});
