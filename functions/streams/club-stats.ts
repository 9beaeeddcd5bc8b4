import { CLUB_STATS, applyStatsChange } from '../../shared/clubs/club-stats';
import { streamHandler } from '../../shared/streams/stream-handler';

/** Keeps each club's stats (members by status, joins, cancellations and holds by reason, saves, tenure) from its memberships' changes. */
export const handler = streamHandler(CLUB_STATS, applyStatsChange);
