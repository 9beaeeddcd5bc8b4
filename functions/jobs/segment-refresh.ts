import type { Context } from 'aws-lambda';
import type { DueRunResult } from '../../shared/db/due-work';
import type { JobEvent } from '../../shared/jobs/jobs';
import { runSegmentRefresh } from '../../shared/segments/segment-refresh';

/**
 * Starts the re-count of the segments whose rules count days, due by the event's `now`
 * (EventBridge schedule; locally `POST /local/jobs/segment-refresh`). A run that runs out of time
 * leaves the rest to the next one.
 */
export async function handler(event: JobEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<DueRunResult> {
  return runSegmentRefresh({
    now: new Date(event.now),
    timeLeftMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
  });
}
