import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { requiredEnv } from '../../shared/config';
import { ensureTable, localDynamoClient } from '../../infra/local/dynamodb-local';
import { ShardFeeds } from '../../infra/local/shard-feed';
import { StreamSource } from '../../infra/local/stream-reader';
import { sequenceNumberOf } from '../../infra/local/stream-records';

/**
 * The poller's shared reading of the stream, against DynamoDB Local's real stream: a table of its
 * own per test (its stream holds only that test's records), GetRecords counted on the source.
 */
describe('Class: ShardFeeds', () => {
  const endpoint = requiredEnv('DYNAMODB_ENDPOINT');
  let client: DynamoDBClient;
  const sources: StreamSource[] = [];

  beforeAll(() => {
    client = localDynamoClient(endpoint);
  });

  afterEach(() => {
    sources.splice(0).forEach((source) => source.close());
  });

  afterAll(() => {
    client.destroy();
  });

  async function newStream(ids: readonly string[]) {
    const tableName = `feed-${randomUUID().slice(0, 8)}`;
    await ensureTable(client, tableName);
    for (const id of ids) await put(tableName, id);
    const source = await StreamSource.open({ endpoint, tableName });
    sources.push(source);
    const reads = jest.spyOn(source, 'read');
    const [shard] = await source.listShards();
    return { tableName, source, reads, shardId: shard!.ShardId! };
  }

  const put = (tableName: string, id: string) =>
    client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `T#t1#C#${id}` }, sk: { S: 'PROFILE' }, id: { S: id } } }));

  const idsOf = (records: readonly DynamoDBRecord[]) => records.map((record) => record.dynamodb?.NewImage?.id?.S);

  /**
   * Everything a reader gets from `after` on, page by page, as a mapping reads (each page from the
   * last record of the one before), taking as the end an empty poll begun since `notBefore`.
   */
  async function readAll(feeds: ShardFeeds, shardId: string, reader: string, after?: string, notBefore = performance.now()) {
    const records: DynamoDBRecord[] = [];
    for (;;) {
      const page = await feeds.read(shardId, reader, after, notBefore);
      if (page.records.length === 0) return records;
      records.push(...page.records);
      after = sequenceNumberOf(page.records.at(-1)!);
    }
  }

  it('reads each page once for every consumer, each from its own position', async () => {
    const { source, reads, shardId } = await newStream(['a', 'b', 'c']);
    const feeds = new ShardFeeds(source, ['listing', 'counts', 'history'], () => undefined);
    const since = performance.now();

    const listing = await readAll(feeds, shardId, 'listing', undefined, since);
    const readsForOne = reads.mock.calls.length;
    const counts = await readAll(feeds, shardId, 'counts', undefined, since);
    const history = await readAll(feeds, shardId, 'history', undefined, since);

    expect(idsOf(listing)).toEqual(['a', 'b', 'c']);
    expect(counts).toEqual(listing);
    expect(history).toEqual(listing);
    // The two other consumers took the kept page, and the empty answer that ended it.
    expect(readsForOne).toBe(2);
    expect(reads.mock.calls.length).toBe(readsForOne);
    // A consumer that has read `b` goes on with `c` alone.
    const page = await feeds.read(shardId, 'counts', sequenceNumberOf(listing[1]!), since);
    expect(idsOf(page.records)).toEqual(['c']);
    expect(page.closed).toBe(false);
  });

  it('lets idle consumers share one poll, and asks again for a poll begun before notBefore', async () => {
    const { tableName, source, reads, shardId } = await newStream(['a']);
    const feeds = new ShardFeeds(source, ['listing', 'counts'], () => undefined);
    const [a] = await readAll(feeds, shardId, 'listing');
    const end = sequenceNumberOf(a!);
    const polled = performance.now();
    await feeds.read(shardId, 'listing', end, polled);
    const before = reads.mock.calls.length;

    // Within the same interval, the other consumer takes that empty answer: no request.
    await put(tableName, 'b');
    expect((await feeds.read(shardId, 'counts', end, polled - 100)).records).toEqual([]);
    expect(reads.mock.calls.length).toBe(before);
    // Asked for what was written after that poll (as `drain` asks), it reads and finds it.
    expect(idsOf((await feeds.read(shardId, 'counts', end, performance.now())).records)).toEqual(['b']);
    expect(reads.mock.calls.length).toBe(before + 1);
  });

  it('starts at the lowest checkpoint, and lets a consumer ahead of it start where it stands', async () => {
    const { source, shardId } = await newStream(['a', 'b', 'c', 'd']);
    const all = await readAll(new ShardFeeds(source, ['probe'], () => undefined), shardId, 'probe');
    const checkpoints: Record<string, string> = { slow: sequenceNumberOf(all[0]!), fast: sequenceNumberOf(all[2]!) };
    const feeds = new ShardFeeds(source, ['slow', 'fast'], (reader) => checkpoints[reader]);

    expect(idsOf(await readAll(feeds, shardId, 'fast', checkpoints.fast))).toEqual(['d']);
    expect(idsOf(await readAll(feeds, shardId, 'slow', checkpoints.slow))).toEqual(['b', 'c', 'd']);
  });

  it('lets a consumer far behind the others read on its own, losing nothing, then share again', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const { source, reads, shardId } = await newStream(ids);
    // At most 4 records kept: the fast consumer's reading lets the slow one's records go.
    const feeds = new ShardFeeds(source, ['fast', 'slow'], () => undefined, 4);

    const fast = await readAll(feeds, shardId, 'fast');
    const readsBefore = reads.mock.calls.length;
    const slow = await readAll(feeds, shardId, 'slow');

    expect(idsOf(fast)).toEqual(ids);
    expect(slow).toEqual(fast);
    expect(reads.mock.calls.length).toBeGreaterThan(readsBefore);
    // Caught up, it shares the kept end again: nothing more is read for it.
    const end = sequenceNumberOf(fast.at(-1)!);
    const polled = performance.now();
    await feeds.read(shardId, 'fast', end, polled);
    const shared = reads.mock.calls.length;
    expect((await feeds.read(shardId, 'slow', end, polled)).records).toEqual([]);
    expect(reads.mock.calls.length).toBe(shared);
  });
});
