import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { chunks, mapLimited } from '../concurrency';
import { ProviderUnavailableError } from '../errors';
import { dynamo, tableName } from './client';

/** BatchWriteItem takes at most 25 requests. */
const KEYS_PER_REQUEST = 25;
const MAX_ROUNDS = 6;

/**
 * Deletes many items by key, unconditionally: 25 a BatchWriteItem, 4 requests in flight, keys a
 * request leaves unprocessed sent again a bounded number of times (past that the table is busy).
 * For items nothing else may write meanwhile (under a lock), or whose deletion is idempotent.
 */
export async function deleteKeys(keys: readonly { pk: string; sk: string }[]): Promise<void> {
  await mapLimited(chunks(keys, KEYS_PER_REQUEST), 4, async (batch) => {
    let pending: unknown[] | undefined = batch.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    for (let round = 0; pending && pending.length > 0; round += 1) {
      if (round === MAX_ROUNDS) throw new ProviderUnavailableError('table-busy', 'Service busy', 'The service is busy; try again.');
      const result: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = result.UnprocessedItems?.[tableName];
    }
  });
}
