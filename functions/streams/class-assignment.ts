import { CLASS_ASSIGNMENT, applyClubsChange } from '../../shared/clubs/class-assignment';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Recomputes a person's effective class when their memberships or their own class change, and
 * that of everyone a class's new discount may move; copies a club's new names onto its live
 * memberships when it is renamed.
 */
export const handler = streamHandler(CLASS_ASSIGNMENT, applyClubsChange);
