import type { DueQueue, DueRunOptions, DueRunResult } from '../db/due-work';
import { runDueWork } from '../db/due-work';
import { tableName } from '../db/client';
import { ConditionsFailedError, transactWrite } from '../db/transact';
import { countJobWrite } from './count-jobs';
import { segmentKeys } from './keys';

/**
 * The `segment-refresh` job: a rule that counts days (`createdAt withinDays 30`, `lastOrderAt
 * notWithinDays 90`) changes its answer as days pass, with no change to anyone. Every segment with
 * such a rule is due again the day after it was counted (`segmentKeys.refreshDue`); this job starts
 * a `refresh` of each one due, which weighs everyone again and moves only those whose membership
 * changed, the count staying shown meanwhile. It runs on the service's one due-work mechanism
 * (`db/due-work.ts`): bounded bites, throttling retried with backoff, a failing segment left due
 * for the next run while the others go on, days a late run missed read again. The due keys go
 * in the same transaction as the start, so a segment is refreshed once a day however often the
 * job runs; its next day is set when the count ends.
 */
interface DueSegment {
  tenantId: string;
  id: string;
  generation: number;
  gsi2pk: string;
}

async function startRefresh(segment: DueSegment, _today: string, at: string): Promise<'done' | 'skipped'> {
  try {
    await transactWrite([
      {
        name: 'segment',
        write: {
          Update: {
            TableName: tableName,
            Key: segmentKeys.segment(segment.tenantId, segment.id),
            UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
            ConditionExpression: 'generation = :generation AND gsi2pk = :due',
            ExpressionAttributeValues: { ':generation': segment.generation, ':due': segment.gsi2pk },
          },
        },
      },
      countJobWrite(segment.tenantId, segment.id, segment.generation, 'refresh', at),
    ]);
    return 'done';
  } catch (error) {
    // Changed since it was read (new rules: a count runs already) or started by another run.
    if (error instanceof ConditionsFailedError) return 'skipped';
    throw error;
  }
}

export const segmentRefreshQueue: DueQueue<DueSegment> = {
  name: 'segment-refresh',
  partitionsOf: segmentKeys.refreshPartitionsOf,
  apply: startRefresh,
};

/** The scheduled job's run: every segment due by `options.now`. */
export function runSegmentRefresh(options: DueRunOptions): Promise<DueRunResult> {
  return runDueWork(segmentRefreshQueue, options);
}
