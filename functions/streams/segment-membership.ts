import { SEGMENT_MEMBERSHIP, applyPersonChange } from '../../shared/segments/segment-membership';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Keeps segment memberships and counts from people's changes. A person's profile and address
 * records are applied one after another (both weigh the same person), people in parallel.
 */
export const handler = streamHandler(SEGMENT_MEMBERSHIP, applyPersonChange, { inOrder: 'partition' });
