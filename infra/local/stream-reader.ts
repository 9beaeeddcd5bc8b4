import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { Agent, request as httpRequest } from 'node:http';
import { localDynamoClient } from './dynamodb-local';
import { compareSequenceNumbers, sequenceNumberOf, streamsError, toLambdaRecord, type WireStreamRecord } from './stream-records';

/**
 * Reading a table's stream on DynamoDB Local with the DynamoDB Streams API (DescribeStream,
 * GetShardIterator, GetRecords), records already in Lambda's shape.
 */

export interface StreamLocation {
  /** The DynamoDB endpoint (DynamoDB Local serves the Streams API on the same port). */
  readonly endpoint: string;
  readonly tableName: string;
  /** What Lambda would put in `awsRegion`; defaults to AWS_REGION or us-east-1. */
  readonly region?: string;
}

/** How long a DescribeStream answer is trusted before shards are listed again. */
const SHARD_LIST_TTL_MS = 1000;

export class StreamSource {
  private shards: Shard[] | undefined;
  private listedAt = 0;
  private listing: Promise<Shard[]> | undefined;
  /** GetRecords goes out on kept-alive connections of its own. */
  private readonly agent = new Agent({ keepAlive: true });

  private constructor(
    private readonly client: DynamoDBStreamsClient,
    private readonly endpoint: string,
    readonly streamArn: string,
    readonly region: string,
  ) {}

  /** Finds the table's latest stream. Fails plainly when the table has no stream. */
  static async open(location: StreamLocation): Promise<StreamSource> {
    const dynamo = localDynamoClient(location.endpoint);
    try {
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: location.tableName }));
      const streamArn = Table?.LatestStreamArn;
      if (!streamArn || !Table?.StreamSpecification?.StreamEnabled) {
        throw new Error(`Table ${location.tableName} has no stream enabled`);
      }
      const client = new DynamoDBStreamsClient({
        endpoint: location.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      return new StreamSource(client, location.endpoint, streamArn, location.region ?? process.env.AWS_REGION ?? 'us-east-1');
    } finally {
      dynamo.destroy();
    }
  }

  /** Shards, parents before children, as DescribeStream lists them; cached for a second. */
  async listShards(): Promise<Shard[]> {
    if (this.shards && Date.now() - this.listedAt < SHARD_LIST_TTL_MS) return this.shards;
    this.listing ??= this.describe().finally(() => (this.listing = undefined));
    return this.listing;
  }

  /** The next `listShards` asks DynamoDB again (new or closed shards). */
  invalidateShards(): void {
    this.shards = undefined;
  }

  private async describe(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.client.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    this.shards = shards;
    this.listedAt = Date.now();
    return shards;
  }

  /**
   * An iterator just after `afterSequenceNumber`, or at the shard's oldest record without one
   * (TRIM_HORIZON, the starting position of the CDK event source mappings).
   */
  async iterator(shardId: string, afterSequenceNumber: string | undefined): Promise<string | undefined> {
    const { ShardIterator } = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(afterSequenceNumber
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: afterSequenceNumber }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /**
   * One GetRecords call; `next` is null once a closed shard has nothing more. Sent as plain JSON
   * over HTTP rather than through the SDK: every consumer reads every record, and the SDK's
   * parsing of a page (then turning its dates and bytes back into Lambda's JSON) cost three to
   * four times the CPU of `JSON.parse`, whose answer is already in Lambda's shape. DynamoDB Local
   * does not check signatures.
   */
  async read(iterator: string): Promise<{ records: DynamoDBRecord[]; next: string | null }> {
    const { status, body } = await postJson(this.endpoint, this.agent, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDBStreams_20120810.GetRecords',
      authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${this.region}/dynamodb/aws4_request, SignedHeaders=host, Signature=local`,
    }, JSON.stringify({ ShardIterator: iterator, Limit: 1000 }));
    const answer = body as { Records?: WireStreamRecord[]; NextShardIterator?: string; __type?: string; message?: string; Message?: string };
    if (status !== 200) throw streamsError(status, answer);
    const source = { streamArn: this.streamArn, region: this.region };
    return { records: (answer.Records ?? []).map((record) => toLambdaRecord(record, source)), next: answer.NextShardIterator ?? null };
  }

  close(): void {
    this.client.destroy();
    this.agent.destroy();
  }
}

/** One POST of a JSON body, its answer parsed (node:http: lighter than fetch for many big answers). */
function postJson(url: string, agent: Agent, headers: Record<string, string>, body: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** What this process has read of each stream so far: its records in sequence order, and where each shard stands. */
const readSoFar = new Map<string, { records: DynamoDBRecord[]; after: Map<string, string> }>();

/**
 * Every record DynamoDB Local's stream holds for the table, in Lambda's shape and in sequence
 * order: what a consumer would receive. For consumer tests, which must use records the real
 * engine produced. Each call reads only what is new since this process's last call (from each
 * shard's last sequence number), so a test file that reads the stream often does not read a
 * stream grown by every other test file again and again.
 */
export async function readStreamRecords(location: StreamLocation): Promise<DynamoDBRecord[]> {
  const source = await StreamSource.open(location);
  try {
    let known = readSoFar.get(source.streamArn);
    if (!known) readSoFar.set(source.streamArn, (known = { records: [], after: new Map() }));
    const fresh: DynamoDBRecord[] = [];
    for (const shard of await source.listShards()) {
      if (!shard.ShardId) continue;
      let iterator = await source.iterator(shard.ShardId, known.after.get(shard.ShardId));
      while (iterator) {
        const { records: page, next } = await source.read(iterator);
        fresh.push(...page);
        if (page.length > 0) known.after.set(shard.ShardId, sequenceNumberOf(page.at(-1)!));
        // An open shard answers an empty page once it is read to its current end.
        if (page.length === 0) break;
        iterator = next ?? undefined;
      }
    }
    if (fresh.length > 0) {
      known.records.push(...fresh);
      known.records.sort((a, b) => compareSequenceNumbers(sequenceNumberOf(a), sequenceNumberOf(b)));
    }
    return [...known.records];
  } finally {
    source.close();
  }
}
