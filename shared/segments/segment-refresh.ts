import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../db/client';
import { ConditionsFailedError, transactWrite } from '../db/transact';
import { withThrottleRetry } from '../db/due-work';
import { logger } from '../log';
import { countJobWrite } from './count-jobs';
import { REFRESH_DUE_PARTITION, segmentKeys } from './keys';

/**
 * The `segment-refresh` job: a rule that counts days (`createdAt withinDays 30`, `lastOrderAt
 * notWithinDays 90`) changes its answer as days pass, with no change to anyone. Every segment with
 * such a rule is due again the day after it was counted (`segmentKeys.refreshDue`); this job starts
 * a `refresh` of each one due, which weighs everyone again and moves only those whose membership
 * changed, the count staying shown meanwhile. The due keys go in the same transaction, so a
 * segment is refreshed once a day however often the job runs; its next day is set when it ends.
 * Throttling is retried with backoff; any other failure is logged and counted, and the run goes
 * on (the segment stays due for the next run): one failure never ends a run with work left.
 */
interface DueSegment {
  tenantId: string;
  id: string;
  generation: number;
  gsi2sk: string;
}

export async function startDueRefreshes(today: string, at: string): Promise<{ due: number; started: number; failed: number }> {
  let due = 0;
  let started = 0;
  let failed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :due AND gsi2sk < :bound',
        ExpressionAttributeValues: { ':due': REFRESH_DUE_PARTITION, ':bound': segmentKeys.refreshDueBound(today) },
        ExclusiveStartKey: startKey,
      }),
    );
    startKey = page.LastEvaluatedKey;
    const segments = (page.Items ?? []) as DueSegment[];
    due += segments.length;
    for (const segment of segments) {
      try {
        await withThrottleRetry(
          () => startRefresh(segment, at),
          () => logger.info('segment refresh throttled, retrying', { tenantId: segment.tenantId, segmentId: segment.id }),
        );
        started += 1;
      } catch (error) {
        // Changed since it was read (new rules: a count runs already) or started by another run.
        if (error instanceof ConditionsFailedError) continue;
        failed += 1;
        logger.error('segment refresh not started; it stays due', { tenantId: segment.tenantId, segmentId: segment.id, error });
      }
    }
  } while (startKey);
  return { due, started, failed };
}

function startRefresh(segment: DueSegment, at: string) {
  return transactWrite([
    {
      name: 'segment',
      write: {
        Update: {
          TableName: tableName,
          Key: segmentKeys.segment(segment.tenantId, segment.id),
          UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'generation = :generation AND gsi2sk = :due',
          ExpressionAttributeValues: { ':generation': segment.generation, ':due': segment.gsi2sk },
        },
      },
    },
    countJobWrite(segment.tenantId, segment.id, segment.generation, 'refresh', at),
  ]);
}
