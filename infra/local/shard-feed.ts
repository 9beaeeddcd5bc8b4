import { ExpiredIteratorException, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { compareSequenceNumbers, sequenceNumberOf } from './stream-records';
import type { StreamSource } from './stream-reader';

/**
 * One reading of the stream for every mapping of the local poller. In AWS each event source
 * mapping reads the shards on its own; here all of them share one process and one DynamoDB Local,
 * where reading each page once per consumer (eleven of them) cost DynamoDB Local and this process
 * eleven times the work for the same records: during an import, GetRecords and the parsing of its
 * answers were a fifth of the consumers' CPU. So a shard's pages are read once, kept until every
 * mapping has passed them, and each mapping takes them from its own position, with its own
 * checkpoint, filters, batch size and retries as before.
 *
 * - A shard is read from the lowest checkpoint any mapping has in it (its oldest record when one
 *   has none, as a new mapping starts at TRIM_HORIZON).
 * - A mapping at the end of what is kept asks for more; mappings asking at once share one
 *   GetRecords. An empty answer says the shard had nothing more when that GetRecords began: a
 *   mapping that can take that as fresh enough (`notBefore`) gets no request of its own, so eleven
 *   idle mappings poll DynamoDB Local as often as one.
 * - Records are let go once every mapping has passed them; past `maxKept` records (a mapping far
 *   behind the others) the oldest go anyway, and a mapping whose position is no longer kept reads
 *   on its own, as before, until its position is kept again.
 */
export interface FeedRead {
  /** The records after the position asked for, in order (at most `READ_LIMIT`). */
  readonly records: DynamoDBRecord[];
  /** The shard is closed and these are its last records: nothing will follow. */
  readonly closed: boolean;
}

/** As many records as one GetRecords answers at most. */
const READ_LIMIT = 1000;
/** Records passed by every mapping are let go this many at a time at least. */
const LET_GO_BITE = 1000;

interface OwnReading {
  after: string | undefined;
  iterator: string | null;
}

class ShardFeed {
  /** Kept records come after this sequence number (undefined: from the shard's oldest record). */
  private start: string | undefined;
  private records: DynamoDBRecord[] = [];
  /** Absolute position of `records[0]`: positions outlive the records let go. */
  private base = 0;
  private readonly positionOf = new Map<string, number>();
  /** undefined: to be asked for; null: the shard is closed and read to its end. */
  private iterator: string | null | undefined;
  private fetching: { startedAt: number; done: Promise<void> } | undefined;
  /** When the last GetRecords that found nothing new began (performance.now()). */
  private endSeenAt: number | undefined;
  /** Each mapping's next position in what is kept (mappings reading on their own are not here). */
  private readonly readers = new Map<string, number>();
  private readonly ownReadings = new Map<string, OwnReading>();

  constructor(
    private readonly source: StreamSource,
    private readonly shardId: string,
    start: string | undefined,
    readers: readonly string[],
    private readonly maxKept: number,
  ) {
    this.start = start;
    for (const reader of readers) this.readers.set(reader, 0);
  }

  async read(reader: string, after: string | undefined, notBefore: number): Promise<FeedRead> {
    let position = this.positionAfter(after);
    if (position === undefined) return this.readOnItsOwn(reader, after);
    this.ownReadings.delete(reader);
    this.readers.set(reader, position);
    this.letGo();
    if (position === this.end() && this.iterator !== null) {
      await this.fetchMore(notBefore);
      // What was kept may have been let go meanwhile (past `maxKept`): then on its own.
      position = this.positionAfter(after);
      if (position === undefined) return this.readOnItsOwn(reader, after);
    }
    const records = this.records.slice(position - this.base, position - this.base + READ_LIMIT);
    return { records, closed: this.iterator === null && position + records.length === this.end() };
  }

  private end(): number {
    return this.base + this.records.length;
  }

  /** The position just after `after` in what is kept, or undefined when it is not kept. */
  private positionAfter(after: string | undefined): number | undefined {
    if (after === this.start) return this.base;
    if (after === undefined) return undefined;
    const at = this.positionOf.get(after);
    return at === undefined ? undefined : at + 1;
  }

  /** Reads the next page into what is kept, unless a read begun since `notBefore` found nothing more. */
  private async fetchMore(notBefore: number): Promise<void> {
    for (;;) {
      if (this.fetching) {
        const { startedAt, done } = this.fetching;
        await done;
        if (startedAt >= notBefore) return;
        continue;
      }
      if (this.endSeenAt !== undefined && this.endSeenAt >= notBefore) return;
      const startedAt = performance.now();
      const done = this.fetchPage(startedAt).finally(() => (this.fetching = undefined));
      this.fetching = { startedAt, done };
      await done;
      return;
    }
  }

  private async fetchPage(startedAt: number): Promise<void> {
    let page: { records: DynamoDBRecord[]; next: string | null } | undefined;
    for (let attempt = 1; !page; attempt += 1) {
      try {
        const from = this.records.length > 0 ? sequenceNumberOf(this.records.at(-1)!) : this.start;
        this.iterator ??= (await this.source.iterator(this.shardId, from)) ?? null;
        if (this.iterator === null) return;
        page = await this.source.read(this.iterator);
      } catch (error) {
        // An iterator lasts 15 minutes: asked again from the last record kept, once.
        if (error instanceof ExpiredIteratorException && attempt === 1) {
          this.iterator = undefined;
          continue;
        }
        if (error instanceof TrimmedDataAccessException) this.startOver();
        throw error;
      }
    }
    this.iterator = page.next;
    for (const record of page.records) {
      this.positionOf.set(sequenceNumberOf(record), this.end());
      this.records.push(record);
    }
    this.endSeenAt = page.records.length === 0 ? startedAt : undefined;
  }

  /** The records every mapping reading here has passed go, and past `maxKept` the oldest. */
  private letGo(): void {
    const lowest = Math.min(...this.readers.values());
    const passed = Number.isFinite(lowest) ? lowest - this.base : this.records.length;
    // Passed records go in bites: moving a long array for every record passed would cost more than it keeps.
    const count = Math.max(passed >= LET_GO_BITE || passed === this.records.length ? passed : 0, this.records.length - this.maxKept);
    if (count <= 0) return;
    const gone = this.records.splice(0, count);
    for (const record of gone) this.positionOf.delete(sequenceNumberOf(record));
    this.base += count;
    this.start = sequenceNumberOf(gone.at(-1)!);
    for (const [reader, position] of this.readers) if (position < this.base) this.readers.delete(reader);
  }

  /** Records after a trimmed position are gone: reading starts again from the oldest left. */
  private startOver(): void {
    this.records = [];
    this.positionOf.clear();
    this.start = undefined;
    this.iterator = undefined;
    this.endSeenAt = undefined;
    this.readers.clear();
  }

  /** A mapping whose position is not kept (behind, or ahead after a restart) reads as it did alone. */
  private async readOnItsOwn(reader: string, after: string | undefined): Promise<FeedRead> {
    this.readers.delete(reader);
    let own = this.ownReadings.get(reader);
    if (!own || own.after !== after) {
      own = { after, iterator: (await this.source.iterator(this.shardId, after)) ?? null };
      this.ownReadings.set(reader, own);
    }
    if (own.iterator === null) return { records: [], closed: true };
    try {
      const { records, next } = await this.source.read(own.iterator);
      own.iterator = next;
      own.after = records.length > 0 ? sequenceNumberOf(records.at(-1)!) : after;
      return { records, closed: next === null };
    } catch (error) {
      this.ownReadings.delete(reader);
      throw error;
    }
  }
}

export class ShardFeeds {
  private readonly feeds = new Map<string, ShardFeed>();

  /**
   * @param readers the mappings that read, by name
   * @param checkpointOf where a mapping stands in a shard (undefined: from its oldest record)
   */
  constructor(
    private readonly source: StreamSource,
    private readonly readers: readonly string[],
    private readonly checkpointOf: (reader: string, shardId: string) => string | undefined,
    private readonly maxKept = 20_000,
  ) {}

  /**
   * The records of a shard after `after` for `reader`. When it has read everything kept, from a
   * GetRecords begun at `notBefore` (a `performance.now()` time) or later.
   */
  read(shardId: string, reader: string, after: string | undefined, notBefore: number): Promise<FeedRead> {
    let feed = this.feeds.get(shardId);
    if (!feed) {
      feed = new ShardFeed(this.source, shardId, this.lowestCheckpoint(shardId), this.readers, this.maxKept);
      this.feeds.set(shardId, feed);
    }
    return feed.read(reader, after, notBefore);
  }

  /** The shard is gone (DynamoDB Local answered ResourceNotFound). */
  forget(shardId: string): void {
    this.feeds.delete(shardId);
  }

  private lowestCheckpoint(shardId: string): string | undefined {
    const checkpoints = this.readers.map((reader) => this.checkpointOf(reader, shardId));
    if (checkpoints.some((checkpoint) => checkpoint === undefined)) return undefined;
    return (checkpoints as string[]).reduce((a, b) => (compareSequenceNumbers(a, b) <= 0 ? a : b));
  }
}
