import { chunks } from '../concurrency';
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isoDate, nowIso } from '../clock';
import { dynamo, tableName } from '../db/client';
import { queryAll } from '../db/query-pages';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';
import { NotFoundError } from '../errors';
import { logger } from '../log';
import type { StreamChange } from '../streams/stream-handler';
import type { CountJobItem } from './count-jobs';
import { FACT_SHARDS, segmentKeys } from './keys';
import { membershipOp, type LiveSegment, type MembershipOp } from './membership-plan';
import { countWrite, entryWrite, reconcilePerson, type FactsItem } from './segment-membership';
import { getSegmentItem, toLiveSegment, type SegmentItem } from './segment-repository';
import { dependsOnTheDay, segmentHolds } from './segment-rules';

/**
 * The `segment-counting` consumer: runs a segment's background job (`count-jobs.ts`) a step at a
 * time, in two phases.
 *
 * - **weigh**: a step reads who the segment holds now (its entries), then the tenant's fact
 *   shards in parallel, a page at a time from where the last step stopped (the next page read
 *   while this one is written), weighs every person and writes only those whose membership
 *   changes: up to 99 entries a transaction, each conditioned on the entry it saw, with the
 *   segment's count moved by their sum, conditioned on the generation counted. A move another
 *   writer made first (a failed entry condition) is weighed again person by person, as the
 *   membership consumer does; a new generation (the rules changed again) ends this job.
 * - **catch up**: a person whose facts changed while the job read may have been weighed on facts
 *   older than what the consumer then decided on; every facts item written since the job began
 *   is weighed again through the consumer's own path (conditioned on the facts' version). Facts
 *   written after the catch-up passed them were weighed by the consumer after every write the
 *   count made from what it read, so nothing is left as the count read it.
 *
 * When its time is up a step records its cursors, and that write wakes the next step; the last
 * sets `countedAt`. Counts stay exact throughout: every entry that comes or goes moves the count
 * in its own transaction, whoever writes it.
 */
export const SEGMENT_COUNTING = 'segment-counting';

/** A step stops reading after this long (stream functions run for 60 s at most). */
const STEP_BUDGET_MS = 40_000;
/** A transaction holds 100 writes: an entry per person and the segment's count. */
const PEOPLE_PER_TRANSACTION = 99;
/** Transactions of one shard in flight at once. */
const WRITES_IN_FLIGHT = 2;

export interface StepOptions {
  budgetMs?: number;
  /** Facts read per Query (DynamoDB's 1 MB page when absent); tests make it small to see many pages. */
  pageSize?: number;
}

export interface ShardProgress {
  cursor: Record<string, unknown> | null;
  finished: boolean;
  weighed: number;
  superseded: boolean;
}

/** A person whose membership in the segment moves, as the background count found them. */
interface Move {
  facts: FactsItem;
  op: MembershipOp;
}

/** Who the segment holds now, and under which generation: its entries, read from its partition. */
async function holders(tenantId: string, segmentId: string): Promise<Map<string, number>> {
  const entries = await queryAll<{ customerId: string; generation: number }>({
    IndexName: 'gsi4',
    KeyConditionExpression: 'gsi4pk = :segment',
    ExpressionAttributeValues: { ':segment': segmentKeys.members(tenantId, segmentId) },
    ProjectionExpression: 'customerId, generation',
  });
  return new Map(entries.map((entry) => [entry.customerId, entry.generation]));
}

/** Writes the moves of a page; false when the segment moved to another generation (the job is over). */
async function writeMoves(segment: LiveSegment, moves: Move[]): Promise<boolean> {
  const parts = chunks(moves, PEOPLE_PER_TRANSACTION);
  let current = true;
  for (let i = 0; i < parts.length && current; i += WRITES_IN_FLIGHT) {
    await Promise.all(
      parts.slice(i, i + WRITES_IN_FLIGHT).map(async (chunk) => {
        const delta = chunk.reduce((sum, move) => sum + move.op.countDelta, 0);
        const writes = chunk.map(({ facts, op }) => entryWrite(facts.tenantId, facts.customerId, op, facts));
        // Conditioned on the generation even when the count does not move: a stale job writes nothing.
        writes.push(countWrite(chunk[0]!.facts.tenantId, segment.id, delta, segment.generation));
        try {
          await transactWrite(writes);
        } catch (error) {
          if (!(error instanceof ConditionsFailedError)) throw error;
          if (error.failed.has(`count:${segment.id}`)) {
            current = false;
            return;
          }
          // Someone changed meanwhile: each is weighed again on their own, from what is stored now.
          for (const move of chunk) await reconcilePerson(move.facts.tenantId, move.facts.customerId);
        }
      }),
    );
  }
  return current;
}

/**
 * A page of one fact shard from `cursor` (`since`: only facts written since then). A person's
 * facts keep their place in the shard whatever changes (it is sorted by id), so a read of it
 * meets each person once; facts written since a time are the shard read whole, DynamoDB keeping
 * only those (`updatedAt`), which costs the catch-up a read of every person, and spares every
 * change of facts an index entry that moves.
 */
function factsPage(tenantId: string, shard: number, cursor: Record<string, unknown> | null, options: StepOptions, since?: string) {
  return dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :shard',
      ...(since ? { FilterExpression: 'updatedAt >= :since' } : {}),
      ExpressionAttributeValues: { ':shard': segmentKeys.factShard(tenantId, shard), ...(since ? { ':since': since } : {}) },
      ExclusiveStartKey: cursor ?? undefined,
      ...(options.pageSize ? { Limit: options.pageSize } : {}),
    }),
  );
}

/**
 * Reads one fact shard on from `from`, handing each page to `apply`, until its end or the
 * deadline; the next page is read while `apply` writes this one. `apply` answers false to stop.
 */
async function readShard(
  tenantId: string,
  shard: number,
  from: Record<string, unknown> | null,
  deadline: number,
  options: StepOptions,
  apply: (page: FactsItem[]) => Promise<boolean>,
  since?: string,
): Promise<ShardProgress> {
  let weighed = 0;
  let cursor = from;
  let next = factsPage(tenantId, shard, cursor, options, since);
  for (;;) {
    const result = await next;
    const after = (result.LastEvaluatedKey as Record<string, unknown> | undefined) ?? null;
    const goOn = after !== null && Date.now() < deadline;
    if (goOn) next = factsPage(tenantId, shard, after, options, since);
    const page = (result.Items ?? []) as FactsItem[];
    weighed += page.length;
    if (!(await apply(page))) {
      // The page read ahead is dropped: nothing reads it again.
      if (goOn) void next.catch(() => undefined);
      return { cursor, finished: false, weighed, superseded: true };
    }
    cursor = after;
    if (!goOn) return { cursor, finished: cursor === null, weighed, superseded: false };
  }
}

/** Weighs one fact shard against the segment, writing the moves. */
export function countShard(
  tenantId: string,
  segment: LiveSegment,
  held: ReadonlyMap<string, number>,
  shard: number,
  from: Record<string, unknown> | null,
  at: Date,
  deadline: number,
  options: StepOptions = {},
): Promise<ShardProgress> {
  return readShard(tenantId, shard, from, deadline, options, async (page) => {
    const moves = page.flatMap((facts) => {
      const op = membershipOp(segment, held.get(facts.customerId), facts, at);
      return op ? [{ facts, op }] : [];
    });
    return moves.length === 0 || writeMoves(segment, moves);
  });
}

/** Weighs again, through the consumer's own path, everyone whose facts were written since the job began. */
function catchUpShard(job: CountJobItem, shard: number, deadline: number, options: StepOptions): Promise<ShardProgress> {
  return readShard(
    job.tenantId,
    shard,
    job.cursors[shard] ?? null,
    deadline,
    options,
    async (page) => {
      for (const facts of page) await reconcilePerson(facts.tenantId, facts.customerId);
      return true;
    },
    job.startedAt,
  );
}

/**
 * Counts the people rules pick without writing anything: the console's live count while a
 * segment is edited. Reads every fact shard in parallel until `deadline` (epoch ms).
 */
export async function countMatching(
  tenantId: string,
  definition: Pick<LiveSegment, 'match' | 'rules'>,
  at: Date,
  deadline = Number.POSITIVE_INFINITY,
): Promise<{ count: number; people: number; complete: boolean }> {
  const shards = await Promise.all(
    Array.from({ length: FACT_SHARDS }, async (_, shard) => {
      let count = 0;
      let people = 0;
      let cursor: Record<string, unknown> | undefined;
      do {
        const result = await dynamo.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi4',
            KeyConditionExpression: 'gsi4pk = :shard',
            ExpressionAttributeValues: { ':shard': segmentKeys.factShard(tenantId, shard) },
            ProjectionExpression: 'facts',
            ExclusiveStartKey: cursor,
          }),
        );
        for (const item of (result.Items ?? []) as Pick<FactsItem, 'facts'>[]) {
          people += 1;
          if (segmentHolds(definition, item.facts, at)) count += 1;
        }
        cursor = result.LastEvaluatedKey;
      } while (cursor && Date.now() < deadline);
      return { count, people, complete: cursor === undefined };
    }),
  );
  return shards.reduce(
    (sum, shard) => ({ count: sum.count + shard.count, people: sum.people + shard.people, complete: sum.complete && shard.complete }),
    { count: 0, people: 0, complete: true },
  );
}

async function readJob(tenantId: string, segmentId: string): Promise<CountJobItem | undefined> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.countJob(tenantId, segmentId), ConsistentRead: true }));
  return result.Item as CountJobItem | undefined;
}

/** The job's item, if it is still at `step`: a later job of the segment, or a later step, is left alone. */
const jobAtStep = (job: CountJobItem) => ({
  ConditionExpression: 'step = :step AND generation = :generation AND kind = :kind',
  ExpressionAttributeValues: { ':step': job.step, ':generation': job.generation, ':kind': job.kind },
});

async function endJob(job: CountJobItem, segmentWrite?: NamedWrite): Promise<void> {
  const end: NamedWrite = { name: 'job', write: { Delete: { TableName: tableName, Key: { pk: job.pk, sk: job.sk }, ...jobAtStep(job) } } };
  try {
    await transactWrite(segmentWrite ? [end, segmentWrite] : [end]);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error; // Another job took over: it finishes instead.
  }
}

/** The count is done: `countedAt` now, and a segment whose rules depend on the day is due again the day after the one it was weighed as of. */
function countedWrite(job: CountJobItem, segment: LiveSegment): NamedWrite {
  const nextDay = isoDate(new Date(Date.parse(job.at) + 24 * 60 * 60 * 1000));
  const due = dependsOnTheDay(segment) ? segmentKeys.refreshDue(job.tenantId, segment.id, nextDay) : undefined;
  return {
    name: 'segment',
    write: {
      Update: {
        TableName: tableName,
        Key: segmentKeys.segment(job.tenantId, job.segmentId),
        UpdateExpression: due ? 'SET countedAt = :at, gsi2pk = :duePk, gsi2sk = :dueSk' : 'SET countedAt = :at REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'generation = :generation',
        ExpressionAttributeValues: { ':at': nowIso(), ':generation': job.generation, ...(due ? { ':duePk': due.gsi2pk, ':dueSk': due.gsi2sk } : {}) },
      },
    },
  };
}

/** A deleted segment's entries, a page at a time (nothing counts them any more). */
async function removeStep(job: CountJobItem, deadline: number, options: StepOptions): Promise<{ cursor: Record<string, unknown> | null; finished: boolean }> {
  let cursor = job.cursors[0] ?? null;
  do {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :segment',
        ExpressionAttributeValues: { ':segment': segmentKeys.members(job.tenantId, job.segmentId) },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: cursor ?? undefined,
        Limit: options.pageSize ?? 500,
      }),
    );
    const keys = (result.Items ?? []) as { pk: string; sk: string }[];
    for (let i = 0; i < keys.length; i += 25) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 25).map((key) => ({ DeleteRequest: { Key: key } }));
      while (pending && pending.length > 0) {
        const written = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
        pending = written.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined;
      }
    }
    cursor = (result.LastEvaluatedKey as Record<string, unknown> | undefined) ?? null;
  } while (cursor !== null && Date.now() < deadline);
  return { cursor, finished: cursor === null };
}

/**
 * One step of a segment's job, woken by the job item's record. A record of a step already taken
 * (a replay, or a job replaced since) finds the job elsewhere and does nothing.
 */
export async function runCountStep(change: StreamChange, options: StepOptions = {}): Promise<void> {
  const seen = change.newItem as CountJobItem | undefined;
  if (seen?.type !== 'segment-count' || seen.status !== 'running') return;
  const job = await readJob(seen.tenantId, seen.segmentId);
  if (!job || job.step !== seen.step || job.generation !== seen.generation || job.kind !== seen.kind) return;
  const deadline = Date.now() + (options.budgetMs ?? STEP_BUDGET_MS);

  if (job.kind === 'remove') {
    const { cursor, finished } = await removeStep(job, deadline, options);
    if (finished) await endJob(job);
    else await nextStep(job, [cursor], [], 0);
    return;
  }

  const item = await getSegmentItem(job.tenantId, job.segmentId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!item || item.generation !== job.generation) return endJob(job);
  const segment = toLiveSegment(item as SegmentItem);
  const at = new Date(job.at);
  const shards = Array.from({ length: FACT_SHARDS }, (_, shard) => shard).filter((shard) => !job.finished.includes(shard));
  const catchingUp = job.phase === 'catch-up';
  const held = catchingUp ? new Map<string, number>() : await holders(job.tenantId, segment.id);
  const progress = await Promise.all(
    shards.map((shard) =>
      catchingUp ? catchUpShard(job, shard, deadline, options) : countShard(job.tenantId, segment, held, shard, job.cursors[shard] ?? null, at, deadline, options),
    ),
  );
  const weighed = catchingUp ? 0 : progress.reduce((sum, shard) => sum + shard.weighed, 0);
  if (progress.some((shard) => shard.superseded)) return endJob(job);
  const finished = [...job.finished, ...shards.filter((_, i) => progress[i]!.finished)];
  if (finished.length === FACT_SHARDS && catchingUp) {
    logger.info('segment counted', { tenantId: job.tenantId, segmentId: job.segmentId, kind: job.kind, weighed: job.weighed });
    return endJob(job, countedWrite(job, segment));
  }
  // Everyone weighed: the catch-up reads the shards again from their start.
  if (finished.length === FACT_SHARDS) return nextStep(job, job.cursors.map(() => null), [], weighed, 'catch-up');
  const cursors = job.cursors.map((cursor, shard) => {
    const index = shards.indexOf(shard);
    return index === -1 ? cursor : progress[index]!.cursor;
  });
  await nextStep(job, cursors, finished, weighed);
}

/** Records where the step stopped (and the phase it goes on in); the write wakes the next step. */
async function nextStep(
  job: CountJobItem,
  cursors: (Record<string, unknown> | null)[],
  finished: number[],
  weighed: number,
  phase: CountJobItem['phase'] = job.phase,
): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: job.pk, sk: job.sk },
        UpdateExpression: 'SET cursors = :cursors, finished = :finished, weighed = weighed + :weighed, step = step + :one, phase = :phase',
        ...jobAtStep(job),
        ExpressionAttributeValues: {
          ...jobAtStep(job).ExpressionAttributeValues,
          ':cursors': cursors,
          ':finished': finished,
          ':weighed': weighed,
          ':one': 1,
          ':phase': phase,
        },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error; // Another job took over.
  }
}
