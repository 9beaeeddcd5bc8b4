import { PERSON_STATS, applyOrderToStats } from '../../shared/commerce/order-stats';
import { streamHandler } from '../../shared/streams/stream-handler';

/** Moves each person's order statistics (count, lifetime value, first and last order) where an order's own transaction did not (a cancel, a merge). */
// A person's orders all move their one profile: applied one after another, people in parallel.
export const handler = streamHandler(PERSON_STATS, applyOrderToStats, { inOrder: 'partition' });
