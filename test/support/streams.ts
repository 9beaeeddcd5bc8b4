import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { compileFilters } from '../../infra/local/stream-filter';
import { readStreamRecords } from '../../infra/local/stream-reader';
import { consumers } from '../../shared/streams/consumers';
import { eventually } from './eventually';

/**
 * Feeds a stream consumer the records DynamoDB Local's stream really produced for one tenant,
 * filtered by the consumer's own filters, as Lambda would. Call it twice to replay a batch.
 */
export async function tenantRecords(tenantId: string): Promise<DynamoDBRecord[]> {
  const records = await readStreamRecords({ endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! });
  // The tenant's own items (`T#<tenant>`: settings, segments, their jobs) and everything under it.
  return records.filter((record) => {
    const pk = String(record.dynamodb?.Keys?.pk?.S ?? '');
    return pk === `T#${tenantId}` || pk.startsWith(`T#${tenantId}#`);
  });
}

/**
 * The records one consumer would receive for a tenant (its own filters applied), once at least
 * `expected` of them are in the stream.
 */
export async function consumerRecords(consumerName: string, tenantId: string, expected = 1): Promise<DynamoDBRecord[]> {
  const consumer = consumers.find((c) => c.name === consumerName);
  if (!consumer) throw new Error(`No consumer ${consumerName}`);
  const matches = compileFilters(consumer.filters);
  return eventually(async () => {
    const mine = (await tenantRecords(tenantId)).filter((record) => matches(record));
    return mine.length >= expected ? mine : undefined;
  });
}

export async function deliver(consumerName: string, tenantId: string, records?: DynamoDBRecord[]): Promise<DynamoDBBatchResponse> {
  const consumer = consumers.find((c) => c.name === consumerName);
  if (!consumer) throw new Error(`No consumer ${consumerName}`);
  const matches = compileFilters(consumer.filters);
  const batch = (records ?? (await tenantRecords(tenantId))).filter((record) => matches(record));
  const { handler } = (await import(`../../functions/streams/${consumerName}.ts`)) as {
    handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  };
  const failures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (let i = 0; i < batch.length; i += consumer.batchSize) {
    const response = await handler({ Records: batch.slice(i, i + consumer.batchSize) });
    failures.push(...(response?.batchItemFailures ?? []));
  }
  return { batchItemFailures: failures };
}
