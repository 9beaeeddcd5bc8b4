import { SEGMENT_MEMBERSHIP, applyPersonChange, applyPersonChanges } from '../../shared/segments/segment-membership';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Keeps segment memberships and counts from people's changes: each person a batch touches
 * weighed once. Record by record (when the batch fails), a person's profile and address records
 * are applied one after another (both weigh the same person), people in parallel.
 */
export const handler = streamHandler(SEGMENT_MEMBERSHIP, applyPersonChange, { inOrder: 'partition', together: applyPersonChanges });
