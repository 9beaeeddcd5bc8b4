import { writeFileSync } from 'node:fs';
import { DescribeTableCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type GetRecordsCommandOutput, type Shard } from '@aws-sdk/client-dynamodb-streams';

/**
 * A checkpoint file for the local poller that puts every consumer at the stream's current end:
 * closed shards at their last record, the open shard(s) at a marker item written now (read back
 * through a LATEST iterator taken before it). So the poller delivers only what is written after.
 */
export async function checkpointAtStreamEnd(
  seedClient: DynamoDBClient,
  endpoint: string,
  tableName: string,
  consumerNames: readonly string[],
  file: string,
): Promise<void> {
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const { Table } = await seedClient.send(new DescribeTableCommand({ TableName: tableName }));
    const streamArn = Table!.LatestStreamArn!;
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    const positions: Record<string, string> = {};
    const open: { shardId: string; iterator: string }[] = [];
    for (const shard of shards) {
      const end = shard.SequenceNumberRange?.EndingSequenceNumber;
      if (end) positions[shard.ShardId!] = end;
      else {
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'LATEST' }),
        );
        open.push({ shardId: shard.ShardId!, iterator: ShardIterator! });
      }
    }
    const marker = `BENCH#stream-marker#${Math.random().toString(36).slice(2, 10)}`;
    await seedClient.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: marker }, sk: { S: marker }, type: { S: 'bench-marker' } } }));
    for (const shard of open) {
      let iterator: string | undefined = shard.iterator;
      for (let attempt = 0; iterator && attempt < 20 && !positions[shard.shardId]; attempt += 1) {
        const page: GetRecordsCommandOutput = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const found = (page.Records ?? []).find((record) => (record.dynamodb?.Keys?.pk as AttributeValue | undefined)?.S === marker);
        if (found) positions[shard.shardId] = found.dynamodb!.SequenceNumber!;
        iterator = page.NextShardIterator;
        if (!found) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const unplaced = open.filter((shard) => !positions[shard.shardId]);
    if (unplaced.length > 0) throw new Error(`stream marker not found in open shard(s) ${unplaced.map((s) => s.shardId).join(', ')}`);
    const perConsumer = Object.fromEntries(consumerNames.map((name) => [name, positions]));
    writeFileSync(file, JSON.stringify({ [streamArn]: perConsumer }));
  } finally {
    streams.destroy();
  }
}

