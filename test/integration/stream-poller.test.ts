import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually';
import { DeleteItemCommand, DescribeTableCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requiredEnv } from '../../shared/config';
import { itemTypes, type ConsumerDefinition } from '../../shared/streams/consumers';
import { ensureTable, localDynamoClient } from '../../infra/local/dynamodb-local';
import { MissingFunctionError, type LambdaHandler } from '../../infra/local/lambda-runtime';
import { startStreamPoller, type DeadLetter, type StreamPoller } from '../../infra/local/stream-poller';
import { readStreamRecords } from '../../infra/local/stream-reader';

/**
 * The poller against the real DynamoDB Local stream: each test gets a table of its own (the
 * stream then holds only its records) and a consumer that records what it was handed.
 */
describe('Function: startStreamPoller', () => {
  const endpoint = requiredEnv('DYNAMODB_ENDPOINT');
  let client: DynamoDBClient;
  let workDir: string;
  const pollers: StreamPoller[] = [];

  beforeAll(() => {
    client = localDynamoClient(endpoint);
    workDir = mkdtempSync(join(tmpdir(), 'stream-poller-'));
  });

  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((poller) => poller.stop()));
  });

  afterAll(() => {
    client.destroy();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function newTable(): Promise<string> {
    const tableName = `poller-${randomUUID().slice(0, 8)}`;
    await ensureTable(client, tableName);
    return tableName;
  }

  const put = (tableName: string, id: string, type = 'customer') =>
    client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: `T#t1#C#${id}` }, sk: { S: 'PROFILE' }, id: { S: id }, type: { S: type } },
      }),
    );

  const remove = (tableName: string, id: string) =>
    client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: `T#t1#C#${id}` }, sk: { S: 'PROFILE' } } }));

  const idOf = (record: DynamoDBRecord) => `${record.eventName}:${(record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.id?.S}`;

  function consumer(overrides: Partial<ConsumerDefinition> = {}): ConsumerDefinition {
    return { name: 'test-consumer', description: 'records its batches', filters: itemTypes('customer'), batchSize: 10, itemsInParallel: 1, maxRetries: 2, ...overrides };
  }

  /** A consumer that records each batch it gets and answers with `respond`. */
  function recorder(respond: (records: DynamoDBRecord[], call: number) => DynamoDBBatchResponse | undefined = () => undefined) {
    const batches: string[][] = [];
    const records: DynamoDBRecord[] = [];
    const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse | undefined> => {
      batches.push(event.Records.map(idOf));
      records.push(...event.Records);
      return respond(event.Records, batches.length);
    };
    return { batches, records, handler };
  }

  async function start(
    tableName: string,
    consumers: ConsumerDefinition[],
    handlers: Record<string, LambdaHandler>,
    extra: { checkpointFile?: string } = {},
  ) {
    const deadLetterFile = join(workDir, `${tableName}-dead-letters.jsonl`);
    const log: string[] = [];
    const poller = await startStreamPoller({
      endpoint,
      tableName,
      consumers,
      loadConsumer: async (name) => {
        const handler = handlers[name];
        if (!handler) throw new MissingFunctionError(`functions/streams/${name}.ts does not exist yet`);
        return handler;
      },
      deadLetterFile,
      log: (line) => log.push(line),
      ...extra,
    });
    pollers.push(poller);
    const deadLetters = (): DeadLetter[] =>
      existsSync(deadLetterFile) ? readFileSync(deadLetterFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as DeadLetter) : [];
    return { poller, log, deadLetters };
  }

  it('hands each consumer exactly the records its filters let through, as DynamoDB Local produced them', async () => {
    const tableName = await newTable();
    await put(tableName, 'c1');
    await put(tableName, 'n1', 'note');
    await put(tableName, 'c2');
    await remove(tableName, 'c1');
    const customers = recorder();
    const removals = recorder();

    const { poller } = await start(
      tableName,
      [consumer({ name: 'customers' }), consumer({ name: 'removals', filters: [{ eventName: ['REMOVE'] }] })],
      { customers: customers.handler, removals: removals.handler },
    );
    await poller.drain();

    expect(customers.records.map(idOf)).toEqual(['INSERT:c1', 'INSERT:c2', 'REMOVE:c1']);
    expect(removals.records.map(idOf)).toEqual(['REMOVE:c1']);
    const streamRecords = await readStreamRecords({ endpoint, tableName });
    expect(customers.records).toEqual(streamRecords.filter((record) => record.dynamodb?.NewImage?.type?.S !== 'note'));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(customers.records[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventVersion: '1.1',
      awsRegion: 'us-east-1',
      eventSourceARN: Table?.LatestStreamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'T#t1#C#c1' }, sk: { S: 'PROFILE' } },
        NewImage: { id: { S: 'c1' }, type: { S: 'customer' } },
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('delivers records written while it runs, in batches of at most batchSize', async () => {
    const tableName = await newTable();
    const recorded = recorder();
    const { poller } = await start(tableName, [consumer({ batchSize: 2 })], { 'test-consumer': recorded.handler });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await put(tableName, id);
    await poller.drain();

    expect(recorded.records.map(idOf)).toEqual(['INSERT:a', 'INSERT:b', 'INSERT:c', 'INSERT:d', 'INSERT:e']);
    expect(Math.max(...recorded.batches.map((batch) => batch.length))).toBeLessThanOrEqual(2);
  });

  it('retries from a reported batchItemFailure and never redelivers the records before it', async () => {
    const tableName = await newTable();
    for (const id of ['a', 'b', 'c']) await put(tableName, id);
    const recorded = recorder((records, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber ?? '' }] } : undefined,
    );

    const { poller, deadLetters } = await start(tableName, [consumer()], { 'test-consumer': recorded.handler });
    await poller.drain();

    expect(recorded.batches).toEqual([
      ['INSERT:a', 'INSERT:b', 'INSERT:c'],
      ['INSERT:b', 'INSERT:c'],
    ]);
    expect(deadLetters()).toEqual([]);
  });

  it('dead-letters a record reported failed past maxRetries, and goes on with the records after it', async () => {
    const tableName = await newTable();
    for (const id of ['a', 'poison', 'c']) await put(tableName, id);
    const recorded = recorder((records) => {
      const poison = records.find((record) => idOf(record) === 'INSERT:poison');
      return poison ? { batchItemFailures: [{ itemIdentifier: poison.dynamodb?.SequenceNumber ?? '' }] } : undefined;
    });

    const { poller, deadLetters, log } = await start(tableName, [consumer({ maxRetries: 2 })], { 'test-consumer': recorded.handler });
    await poller.drain();

    // 1 delivery + 2 retries of the poison record, then the record after it alone.
    expect(recorded.batches).toEqual([
      ['INSERT:a', 'INSERT:poison', 'INSERT:c'],
      ['INSERT:poison', 'INSERT:c'],
      ['INSERT:poison', 'INSERT:c'],
      ['INSERT:c'],
    ]);
    const letters = deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ consumer: 'test-consumer', attempts: 3, record: { dynamodb: { NewImage: { id: { S: 'poison' } } } } });
    expect(letters[0]?.DDBStreamBatchInfo.startSequenceNumber).toBe(letters[0]?.record.dynamodb?.SequenceNumber);
    expect(log.some((line) => line.includes('test-consumer') && line.includes('dead-letters.jsonl'))).toBe(true);
  });

  it('splits a batch that throws until the failing record is alone, then dead-letters only that record', async () => {
    const tableName = await newTable();
    for (const id of ['a', 'b', 'poison', 'd']) await put(tableName, id);
    const succeeded: string[] = [];
    const recorded = recorder((records) => {
      if (records.some((record) => idOf(record) === 'INSERT:poison')) throw new Error('cannot handle poison');
      succeeded.push(...records.map(idOf));
      return undefined;
    });

    const { poller, deadLetters } = await start(tableName, [consumer({ maxRetries: 1 })], { 'test-consumer': recorded.handler });
    await poller.drain();

    expect(succeeded).toEqual(['INSERT:a', 'INSERT:b', 'INSERT:d']);
    expect(deadLetters().map((letter) => idOf(letter.record))).toEqual(['INSERT:poison']);
    expect(deadLetters()[0]?.error).toContain('cannot handle poison');
    expect(recorded.batches.filter((batch) => batch.length === 1 && batch[0] === 'INSERT:poison')).toHaveLength(2);
  });

  it('keeps the records of a consumer whose module is missing until it exists', async () => {
    const tableName = await newTable();
    await put(tableName, 'a');
    const recorded = recorder();
    const handlers: Record<string, LambdaHandler> = {};

    const { poller, log, deadLetters } = await start(tableName, [consumer()], handlers);
    // The poller says so once, however long it waits (a busy machine can take seconds to get there).
    await eventually(async () => (log.some((line) => line.includes('does not exist yet')) ? true : undefined));
    await expect(poller.drain({ timeoutMs: 500 })).rejects.toThrow('test-consumer');
    expect(log.filter((line) => line.includes('does not exist yet'))).toHaveLength(1);

    handlers['test-consumer'] = recorded.handler;
    await poller.drain();
    expect(recorded.records.map(idOf)).toEqual(['INSERT:a']);
    expect(deadLetters()).toEqual([]);
  });

  it('resumes after a restart where it stopped when given a checkpoint file', async () => {
    const tableName = await newTable();
    const checkpointFile = join(workDir, `${tableName}-checkpoints.json`);
    await put(tableName, 'before');
    const first = recorder();
    const run1 = await start(tableName, [consumer()], { 'test-consumer': first.handler }, { checkpointFile });
    await run1.poller.drain();
    await run1.poller.stop();

    await put(tableName, 'after');
    const second = recorder();
    const run2 = await start(tableName, [consumer()], { 'test-consumer': second.handler }, { checkpointFile });
    await run2.poller.drain();

    expect(first.records.map(idOf)).toEqual(['INSERT:before']);
    expect(second.records.map(idOf)).toEqual(['INSERT:after']);
  });
});
