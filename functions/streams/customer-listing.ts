import type { CustomerItem } from '../../shared/db/customer-items';
import { syncListingEntries } from '../../shared/db/people-listing';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Keeps each person's entries in the people listings in step with their profile: nothing is
 * written for a change of no listed field (see `shared/db/people-listing.ts`).
 */
export const handler = streamHandler('customer-listing', (change) =>
  syncListingEntries(change.oldItem as CustomerItem | undefined, change.newItem as CustomerItem | undefined),
);
