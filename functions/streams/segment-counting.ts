import { SEGMENT_COUNTING, runCountStep } from '../../shared/segments/segment-counting';
import { streamHandler } from '../../shared/streams/stream-handler';

/** Runs segments' background counts a step at a time: each step's record of where it stopped wakes the next. */
export const handler = streamHandler(SEGMENT_COUNTING, (change) => runCountStep(change));
