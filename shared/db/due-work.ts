import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, isoDate } from '../clock';
import { mapLimited } from '../concurrency';
import { logger } from '../log';
import { dynamo, tableName } from './client';
import { expiresAfter } from './item-writes';
import { dueStateKeys } from './keys';
import { withThrottleRetry } from './throttling';

/**
 * Scheduled work by day: the one mechanism behind every "on that date" of the service (a
 * membership's scheduled pause, its end, a gift's reminder and end). Items that have something
 * due wait on the sparse index gsi2 under a key bucketed by day and shard (the queue's
 * `partitionsOf(day)`); an item is under its *next* due day only, and doing the work moves it to
 * its following day (or off the index). So a day's partitions hold exactly what is still to do.
 *
 * A run (the scheduled job, as of its `now`):
 * - reads the days from `lookbackDays` (a week) ago to today that are not marked drained (one
 *   Query of the queue's progress), so work a failed or late run left behind is found, and
 *   nothing else (a job stopped for longer is caught up by running it as of the missed weeks);
 * - reads each day's shards a few at a time, a bite (`bite` items, one Query page) at a time;
 * - applies each item on its own: a failure is logged and counted, and the run goes on (the item
 *   stays on its day for the next run); throttling is retried with jittered exponential backoff;
 * - writes to each shard at a bounded rate, so no partition of the index (nor anything the items'
 *   writes touch) takes more than its share of a busy day at once;
 * - stops taking new bites when its time runs out (`timeLeftMs`), and the next run carries on:
 *   the work it did has left the day's partitions, so "where it stopped" is simply what is there;
 * - marks a past day drained once every shard was read to its end with nothing failed, an hour
 *   after the day ended (so an item written at midnight is not missed); today is never drained.
 */
export interface DueQueue<Item> {
  /** Names the queue's progress items. */
  readonly name: string;
  /** The index partitions of one day (its shards). */
  readonly partitionsOf: (day: string) => readonly string[];
  /**
   * Does what is due for one item as of `today` (stamped `at`, the run's instant): `done`, or
   * `skipped` when someone else did it meanwhile (a stale index entry). Throws to leave the item
   * for a later run.
   */
  readonly apply: (item: Item, today: string, at: string) => Promise<'done' | 'skipped'>;
}

export interface DueRunOptions {
  /** The instant the run acts as of (the job's `now`). */
  readonly now: Date;
  /** Time the run may still take (Lambda's `getRemainingTimeInMillis`). */
  readonly timeLeftMs: () => number;
  /** Stop taking bites when less than this is left. */
  readonly reserveMs?: number;
  /** Days before today that are read again until drained. */
  readonly lookbackDays?: number;
  /** Items a Query reads at once. */
  readonly bite?: number;
  /** Shards read at once. */
  readonly shardsInParallel?: number;
  /** Items of a shard applied at once. */
  readonly itemsInFlight?: number;
  /** Items a shard's partition gives up a second at most: a write bound per partition. */
  readonly itemsPerSecondPerShard?: number;
}

export interface DueRunResult {
  today: string;
  /** The days read (oldest first). */
  days: string[];
  read: number;
  done: number;
  skipped: number;
  failed: number;
  /** Throttled requests that were tried again. */
  throttleRetries: number;
  /** False when the run ran out of time with work left (the next run carries on). */
  finished: boolean;
}

/**
 * A run's defaults. Each shard gives up at most 250 items a second: its partition then takes at
 * most 250 index writes a second (well under DynamoDB's 1 000 write units a partition, for items
 * up to 3 KB), and all 16 shards of a day together 4 000 items a second, 64 writes in flight.
 */
export const DUE_RUN_DEFAULTS = {
  reserveMs: 15_000,
  lookbackDays: 7,
  bite: 100,
  shardsInParallel: 16,
  itemsInFlight: 4,
  itemsPerSecondPerShard: 250,
};

/** How long after a day's end it may be marked drained: writes of its last moments have reached the index by then. */
const SETTLE_MS = 60 * 60 * 1000;
const DRAINED_TTL_SECONDS = 60 * 24 * 60 * 60;

export async function runDueWork<Item>(queue: DueQueue<Item>, options: DueRunOptions): Promise<DueRunResult> {
  const settings = { ...DUE_RUN_DEFAULTS, ...options };
  const today = isoDate(options.now);
  const at = options.now.toISOString();
  const first = addDays(today, -settings.lookbackDays);
  const drained = await withThrottleRetry(() => drainedDays(queue.name, first, today), () => undefined).catch((error: unknown) => {
    // Without the marks every day of the window is read: slower, never wrong.
    logger.warn('due work: the drained days could not be read', { queue: queue.name, error: error as Error });
    return new Set<string>();
  });
  const days: string[] = [];
  for (let day = first; day <= today; day = addDays(day, 1)) if (!drained.has(day)) days.push(day);

  const result: DueRunResult = { today, days, read: 0, done: 0, skipped: 0, failed: 0, throttleRetries: 0, finished: true };
  const onThrottle = () => {
    result.throttleRetries += 1;
  };
  const outOfTime = () => options.timeLeftMs() < settings.reserveMs;

  for (const day of days) {
    if (outOfTime()) {
      result.finished = false;
      break;
    }
    const complete = await mapLimited(queue.partitionsOf(day), settings.shardsInParallel, async (partition) => {
      const pace = pacer(settings.itemsPerSecondPerShard);
      let failedHere = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        if (outOfTime()) return false;
        let page;
        try {
          page = await withThrottleRetry(
            () =>
              dynamo.send(
                new QueryCommand({
                  TableName: tableName,
                  IndexName: 'gsi2',
                  KeyConditionExpression: 'gsi2pk = :due',
                  ExpressionAttributeValues: { ':due': partition },
                  Limit: settings.bite,
                  ExclusiveStartKey: startKey,
                }),
              ),
            onThrottle,
          );
        } catch (error) {
          // The shard stays for the next run; the other shards and days go on.
          logger.error('due work: a shard could not be read', { queue: queue.name, partition, error: error as Error });
          return false;
        }
        startKey = page.LastEvaluatedKey;
        const items = (page.Items ?? []) as Item[];
        result.read += items.length;
        await mapLimited(items, settings.itemsInFlight, async (item) => {
          await pace();
          try {
            const outcome = await withThrottleRetry(() => queue.apply(item, today, at), onThrottle);
            result[outcome] += 1;
          } catch (error) {
            failedHere += 1;
            result.failed += 1;
            logger.error('due work: an item failed; it stays for the next run', { queue: queue.name, partition, error: error as Error });
          }
        });
      } while (startKey);
      return failedHere === 0;
    });
    const settled = options.now.getTime() - Date.parse(`${addDays(day, 1)}T00:00:00Z`) >= SETTLE_MS;
    if (complete.every(Boolean) && settled) {
      await withThrottleRetry(() => markDrained(queue.name, day), onThrottle).catch((error: unknown) =>
        logger.warn('due work: a drained day could not be marked (it is read again next run)', { queue: queue.name, day, error: error as Error }),
      );
    }
    if (!complete.every(Boolean) && outOfTime()) result.finished = false;
  }
  logger.info('due work', { queue: queue.name, ...result, days: result.days.length });
  return result;
}

async function drainedDays(queue: string, from: string, to: string): Promise<Set<string>> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :queue AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':queue': dueStateKeys.partition(queue), ':from': from, ':to': to },
      ConsistentRead: true,
    }),
  );
  return new Set((result.Items ?? []).map((item) => item.sk as string));
}

function markDrained(queue: string, day: string) {
  return dynamo.send(new PutCommand({ TableName: tableName, Item: { ...dueStateKeys.drained(queue, day), type: 'due-drained', ...expiresAfter(DRAINED_TTL_SECONDS) } }));
}

/** At most `perSecond` starts a second: each caller waits for its slot. */
function pacer(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = 0;
  return () => {
    const nowMs = performance.now();
    const slot = Math.max(nowMs, next);
    next = slot + interval;
    const wait = slot - nowMs;
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
}
