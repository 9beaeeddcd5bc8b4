import { applyDuplicateChange } from '../../shared/duplicates/duplicate-repository';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Keeps the possible duplicates: files a changed person under their blocking keys and scores
 * them against the people filed under the same keys (see `shared/duplicates/`).
 */
export const handler = streamHandler('duplicate-candidates', applyDuplicateChange);
