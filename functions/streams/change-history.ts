import { recordChange } from '../../shared/db/change-history';
import { streamHandler } from '../../shared/streams/stream-handler';

/** Writes the audit log entry of every change to a person's items. */
export const handler = streamHandler('change-history', recordChange);
