import type { Context } from 'aws-lambda';
import { runMembershipDueWork } from '../../shared/clubs/membership-due';
import type { DueRunResult } from '../../shared/db/due-work';
import type { JobEvent } from '../../shared/jobs/jobs';

/**
 * The memberships' scheduled work (EventBridge schedule; locally `POST /local/jobs/pause-expiry`):
 * booked pauses start, pauses end, gifts are reminded of and end, as of the event's `now`. A run
 * that runs out of time leaves the rest to the next one.
 */
export async function handler(event: JobEvent, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<DueRunResult> {
  return runMembershipDueWork({
    now: new Date(event.now),
    timeLeftMs: () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY,
  });
}
