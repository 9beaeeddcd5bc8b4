import { ExpiredIteratorException, ResourceNotFoundException, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { consumers as consumerTable, type ConsumerDefinition } from '../../shared/streams/consumers';
import { LOCAL_DIR } from './dynamodb-local';
import {
  MissingFunctionError,
  invokeFunction,
  loadFunctionHandler,
  type LambdaHandler,
} from './lambda-runtime';
import { ShardFeeds } from './shard-feed';
import { compileFilters } from './stream-filter';
import { StreamSource, type StreamLocation } from './stream-reader';
import { compareSequenceNumbers, interpretBatchResponse, sequenceNumberOf, type BatchOutcome } from './stream-records';

/**
 * The local stand-in for Lambda's DynamoDB event source mappings. Each consumer of the consumer
 * table gets its own mapping, as in AWS: its own position in every shard, its own filters and
 * batch size, its own retries. Like a mapping with `ReportBatchItemFailures`,
 * `BisectBatchOnFunctionError` and an on-failure destination:
 *
 * - records that pass the consumer's filters are delivered in order, up to `batchSize` at a time;
 *   records that do not pass are skipped (and count as done);
 * - `batchItemFailures`: everything before the lowest failed record is done; delivery resumes
 *   at that record (the records after it come again, as in AWS);
 * - a thrown error (or an invalid answer) fails the batch: it is split in halves until the
 *   failing record is alone;
 * - a record that fails more than `maxRetries` times goes to the dead-letter file (one JSON line,
 *   plus a log line) and the records after it go on;
 * - a shard's children wait until the shard is done; shards are listed again every second.
 *
 * Unlike AWS, the mappings share their reading of the stream (`shard-feed.ts`): each page is read
 * once for all of them, and idle mappings poll DynamoDB Local together, not each on its own.
 */

export const DEFAULT_DEAD_LETTER_FILE = join(LOCAL_DIR, 'dead-letters.jsonl');

export interface StreamPollerOptions extends StreamLocation {
  /** Defaults to the consumer table. */
  readonly consumers?: readonly ConsumerDefinition[];
  /** Finds a consumer's handler; defaults to `functions/streams/<name>.ts`. */
  readonly loadConsumer?: (name: string) => Promise<LambdaHandler>;
  readonly deadLetterFile?: string;
  /** Keeps each consumer's position across restarts (omit to start over from each shard's oldest record). */
  readonly checkpointFile?: string;
  readonly pollIntervalMs?: number;
  readonly log?: (line: string) => void;
}

export interface StreamPoller {
  /**
   * Resolves once every consumer has caught up with the end of the stream as it is now (all
   * records written before the call delivered, retried or dead-lettered). Rejects after
   * `timeoutMs` naming the consumers still behind.
   */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** One entry of the dead-letter file: Lambda's on-failure record for streams, plus the record itself. */
export interface DeadLetter {
  readonly at: string;
  readonly consumer: string;
  readonly attempts: number;
  readonly error: string;
  readonly DDBStreamBatchInfo: {
    readonly shardId: string;
    readonly startSequenceNumber: string;
    readonly endSequenceNumber: string;
    readonly batchSize: 1;
    readonly streamArn: string;
  };
  readonly record: DynamoDBRecord;
}

/** Positions per consumer and shard, optionally kept in a file, keyed by stream ARN. */
class Checkpoints {
  private data: Record<string, Record<string, Record<string, string>>> = {};
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly streamArn: string,
    private readonly file: string | undefined,
  ) {
    if (file && existsSync(file)) {
      this.data = JSON.parse(readFileSync(file, 'utf8')) as typeof this.data;
    }
  }

  get(consumer: string, shardId: string): string | undefined {
    return this.data[this.streamArn]?.[consumer]?.[shardId];
  }

  set(consumer: string, shardId: string, sequenceNumber: string): void {
    const stream = (this.data[this.streamArn] ??= {});
    (stream[consumer] ??= {})[shardId] = sequenceNumber;
    if (this.file && !this.saveTimer) {
      this.saveTimer = setTimeout(() => this.flush(), 500);
      this.saveTimer.unref();
    }
  }

  flush(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.data, null, 2));
  }
}

interface ShardCursor {
  readonly shardId: string;
  /** The shard is closed and its last records were fetched. */
  closed: boolean;
  /** Fetched, not yet done, in order. */
  pending: DynamoDBRecord[];
  checkpoint: string | undefined;
  /** Failures of the record at the head of `pending`. */
  failures: { sequenceNumber: string; count: number } | undefined;
  /** While a failed batch is being split: the smaller batch size, until past `until`. */
  bisect: { limit: number; until: string } | undefined;
}

interface Dependencies {
  readonly source: StreamSource;
  readonly feeds: ShardFeeds;
  /** The earliest start (performance.now()) of the GetRecords a pass may take as the stream's end. */
  readonly freshSince: (tickStartedAt: number) => number;
  readonly checkpoints: Checkpoints;
  readonly loadConsumer: (name: string) => Promise<LambdaHandler>;
  readonly deadLetterFile: string;
  readonly log: (line: string) => void;
}

class EventSourceMapping {
  private readonly cursors = new Map<string, ShardCursor>();
  private readonly matches: (record: unknown) => boolean;
  private lastProblem: string | undefined;
  /** Ticks begun so far, and the last one that ended caught up with the stream. */
  ticksStarted = 0;
  caughtUpAt = 0;

  constructor(
    readonly consumer: ConsumerDefinition,
    private readonly deps: Dependencies,
  ) {
    this.matches = compileFilters(consumer.filters);
  }

  /** One pass over the shards. Resolves true when there is more to do at once. */
  async tick(): Promise<boolean> {
    const tick = ++this.ticksStarted;
    const notBefore = this.deps.freshSince(performance.now());
    let caughtUp = true;
    let busy = false;
    try {
      const shards = await this.deps.source.listShards();
      const known = new Set(shards.map((shard) => shard.ShardId));
      for (const { ShardId: shardId, ParentShardId: parent } of shards) {
        if (!shardId) continue;
        if (parent && known.has(parent) && !this.isDone(parent)) {
          caughtUp = false; // order per item: children wait for their parent
          continue;
        }
        const result = await this.pump(shardId, notBefore);
        caughtUp &&= result.caughtUp;
        busy ||= result.busy;
      }
    } catch (error) {
      caughtUp = false;
      this.report(`[streams] ${this.consumer.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (caughtUp) this.caughtUpAt = tick;
    return busy;
  }

  private isDone(shardId: string): boolean {
    const cursor = this.cursors.get(shardId);
    return cursor !== undefined && cursor.closed && cursor.pending.length === 0;
  }

  private cursorFor(shardId: string): ShardCursor {
    let cursor = this.cursors.get(shardId);
    if (!cursor) {
      cursor = {
        shardId,
        closed: false,
        pending: [],
        checkpoint: this.deps.checkpoints.get(this.consumer.name, shardId),
        failures: undefined,
        bisect: undefined,
      };
      this.cursors.set(shardId, cursor);
    }
    return cursor;
  }

  private async pump(shardId: string, notBefore: number): Promise<{ caughtUp: boolean; busy: boolean }> {
    const cursor = this.cursorFor(shardId);
    if (cursor.pending.length === 0) {
      if (cursor.closed) return { caughtUp: true, busy: false };
      const fetched = await this.fetch(cursor, notBefore);
      if (fetched === 'retry') return { caughtUp: false, busy: false };
      if (fetched === 0) return { caughtUp: true, busy: false };
    }
    const progressed = await this.deliver(cursor);
    return { caughtUp: false, busy: progressed };
  }

  /** Reads the next records of the shard after the checkpoint into `pending`; returns how many came, or 'retry'. */
  private async fetch(cursor: ShardCursor, notBefore: number): Promise<number | 'retry'> {
    try {
      const { records, closed } = await this.deps.feeds.read(cursor.shardId, this.consumer.name, cursor.checkpoint, notBefore);
      cursor.closed = closed;
      cursor.pending = records;
      return records.length;
    } catch (error) {
      if (error instanceof ExpiredIteratorException) return 'retry'; // asked again from the checkpoint
      if (error instanceof TrimmedDataAccessException) {
        this.deps.log(`[streams] ${this.consumer.name}: records after ${cursor.checkpoint} were trimmed; going on from the oldest left`);
        cursor.checkpoint = undefined;
        return 'retry';
      }
      if (error instanceof ResourceNotFoundException) {
        this.cursors.delete(cursor.shardId);
        this.deps.feeds.forget(cursor.shardId);
        this.deps.source.invalidateShards();
        return 'retry';
      }
      throw error;
    }
  }

  /** Delivers one batch from the head of `pending`. Returns whether it moved forward. */
  private async deliver(cursor: ShardCursor): Promise<boolean> {
    // Records the filters drop are done without a call, as with Lambda's event filtering.
    let skipped = 0;
    while (skipped < cursor.pending.length && !this.matches(cursor.pending[skipped])) skipped++;
    if (skipped > 0) {
      this.advance(cursor, skipped);
      return true;
    }

    const limit = cursor.bisect?.limit ?? this.consumer.batchSize;
    const batch: DynamoDBRecord[] = [];
    let consumed = 0;
    for (const record of cursor.pending) {
      if (batch.length === limit) break;
      consumed++;
      if (this.matches(record)) batch.push(record);
    }

    let handler: LambdaHandler;
    try {
      handler = await this.deps.loadConsumer(this.consumer.name);
    } catch (error) {
      // A consumer not written yet keeps its records waiting; nothing is retried or lost.
      this.report(`[streams] ${this.consumer.name}: ${error instanceof Error ? error.message : String(error)}; its records wait`);
      if (error instanceof MissingFunctionError) return false;
      throw error;
    }

    const outcome = await this.invoke(handler, batch);
    switch (outcome.kind) {
      case 'success':
        this.advance(cursor, consumed);
        return true;
      case 'partial': {
        const failedAt = cursor.pending.findIndex((record) => sequenceNumberOf(record) === outcome.failedSequenceNumber);
        this.advance(cursor, failedAt);
        this.recordFailure(cursor, 'reported in batchItemFailures');
        return failedAt > 0;
      }
      case 'failure':
        if (batch.length > 1) {
          const last = sequenceNumberOf(batch[batch.length - 1] as DynamoDBRecord);
          cursor.bisect = { limit: Math.ceil(batch.length / 2), until: cursor.bisect?.until ?? last };
          return false;
        }
        this.recordFailure(cursor, outcome.reason);
        return false;
    }
  }

  private async invoke(handler: LambdaHandler, batch: DynamoDBRecord[]): Promise<BatchOutcome> {
    const event: DynamoDBStreamEvent = { Records: batch };
    try {
      const response = await invokeFunction(handler, event, { kind: 'streams', name: this.consumer.name });
      return interpretBatchResponse(response, batch);
    } catch (error) {
      return { kind: 'failure', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  /** Marks the first `count` pending records done and moves the checkpoint past them. */
  private advance(cursor: ShardCursor, count: number): void {
    const done = cursor.pending.splice(0, count);
    const last = done.at(-1);
    if (!last) return;
    this.lastProblem = undefined;
    cursor.checkpoint = sequenceNumberOf(last);
    this.deps.checkpoints.set(this.consumer.name, cursor.shardId, cursor.checkpoint);
    if (cursor.bisect && compareSequenceNumbers(cursor.checkpoint, cursor.bisect.until) >= 0) cursor.bisect = undefined;
  }

  /** Counts a failure of the head record; past `maxRetries` it goes to the dead-letter file. */
  private recordFailure(cursor: ShardCursor, reason: string): void {
    const head = cursor.pending[0];
    if (!head) return;
    const sequenceNumber = sequenceNumberOf(head);
    const count = cursor.failures?.sequenceNumber === sequenceNumber ? cursor.failures.count + 1 : 1;
    cursor.failures = { sequenceNumber, count };
    if (count <= this.consumer.maxRetries) return;

    const letter: DeadLetter = {
      at: new Date().toISOString(),
      consumer: this.consumer.name,
      attempts: count,
      error: reason,
      DDBStreamBatchInfo: {
        shardId: cursor.shardId,
        startSequenceNumber: sequenceNumber,
        endSequenceNumber: sequenceNumber,
        batchSize: 1,
        streamArn: this.deps.source.streamArn,
      },
      record: head,
    };
    mkdirSync(dirname(this.deps.deadLetterFile), { recursive: true });
    appendFileSync(this.deps.deadLetterFile, `${JSON.stringify(letter)}\n`);
    this.deps.log(
      `[streams] ${this.consumer.name}: record ${sequenceNumber} (${head.eventName}) failed ${count} times (${reason}); ` +
        `sent to ${this.deps.deadLetterFile}`,
    );
    cursor.failures = undefined;
    this.advance(cursor, 1);
  }

  /** Logs a problem once, not every 100 ms while it lasts. */
  private report(line: string): void {
    if (line === this.lastProblem) return;
    this.lastProblem = line;
    this.deps.log(line);
  }
}

/**
 * Starts one polling loop per consumer against the table's stream on DynamoDB Local and resolves
 * once the stream is found.
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const source = await StreamSource.open(options);
  const log = options.log ?? ((line) => console.log(line));
  const checkpoints = new Checkpoints(source.streamArn, options.checkpointFile);
  const consumers = options.consumers ?? consumerTable;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  /** When `drain` was last called: only a GetRecords begun since then can say the stream ends there. */
  let drainCalledAt = Number.NEGATIVE_INFINITY;
  const deps: Dependencies = {
    source,
    feeds: new ShardFeeds(source, consumers.map((consumer) => consumer.name), (name, shardId) => checkpoints.get(name, shardId)),
    // An idle pass takes an empty GetRecords begun within the last interval as the stream's end (another mapping's).
    freshSince: (tickStartedAt) => Math.max(tickStartedAt - pollIntervalMs, drainCalledAt),
    checkpoints,
    loadConsumer: options.loadConsumer ?? ((name) => loadFunctionHandler('streams', name)),
    deadLetterFile: options.deadLetterFile ?? DEFAULT_DEAD_LETTER_FILE,
    log,
  };
  const mappings = consumers.map((consumer) => new EventSourceMapping(consumer, deps));

  let stopped = false;
  const wakers = new Set<() => void>();
  const tickListeners = new Set<() => void>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const loops = mappings.map(async (mapping) => {
    while (!stopped) {
      const busy = await mapping.tick();
      tickListeners.forEach((listener) => listener());
      if (!busy && !stopped) await pause(pollIntervalMs);
    }
  });

  async function drain({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<void> {
    source.invalidateShards();
    drainCalledAt = performance.now();
    // Only a pass that begins after this call can vouch for records written before it.
    const targets = mappings.map((mapping) => mapping.ticksStarted + 1);
    const behind = () => mappings.filter((mapping, i) => mapping.caughtUpAt < (targets[i] as number));
    if (behind().length === 0) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (behind().length > 0) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Stream consumers still behind after ${timeoutMs} ms: ${behind().map((m) => m.consumer.name).join(', ')}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        tickListeners.delete(check);
      };
      tickListeners.add(check);
    });
  }

  return {
    drain,
    async stop() {
      if (stopped) return;
      stopped = true;
      wakers.forEach((wake) => wake());
      await Promise.all(loops);
      checkpoints.flush();
      source.close();
    },
  };
}
