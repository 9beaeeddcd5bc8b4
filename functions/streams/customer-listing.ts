import type { CustomerItem } from '../../shared/people/customer-items';
import { syncListingEntries } from '../../shared/people/people-listing';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Keeps each person's entries in the people listings in step with their profile: nothing is
 * written for a change of no listed field (see `shared/people/people-listing.ts`).
 */
export const handler = streamHandler('customer-listing', (change) =>
  syncListingEntries(change.oldItem as CustomerItem | undefined, change.newItem as CustomerItem | undefined),
);
