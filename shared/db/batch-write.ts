import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { chunks, mapLimited } from '../concurrency';
import { ServiceBusyError } from '../errors';
import { dynamo, tableName } from './client';

/** BatchWriteItem takes 25 writes a request; a few requests at once. */
const WRITES_PER_REQUEST = 25;
const REQUESTS_IN_FLIGHT = 8;
const MAX_ROUNDS = 8;

type Key = { pk: string; sk: string };
export type BatchWrite = { PutRequest: { Item: Key & Record<string, unknown> } } | { DeleteRequest: { Key: Key } };

/**
 * Plain puts and deletes of many items, 25 a BatchWriteItem, a few requests at once: for writes
 * that need no condition because writing them again changes nothing (a stream consumer's items
 * derived from the record, applied again when a batch is redelivered). Writes the table leaves
 * unprocessed (it throttles) are sent again with backoff, a bounded number of times; past that
 * the table is busy and the caller's batch is retried. No two writes may name the same item.
 */
export async function batchWrite(writes: readonly BatchWrite[]): Promise<void> {
  await mapLimited(chunks(writes, WRITES_PER_REQUEST), REQUESTS_IN_FLIGHT, writeChunk);
}

async function writeChunk(chunk: readonly BatchWrite[]): Promise<void> {
  let pending: readonly BatchWrite[] = chunk;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round === MAX_ROUNDS) throw new ServiceBusyError('the table kept throttling a batch of writes');
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** round));
    const result: BatchWriteCommandOutput = await dynamo.send(new BatchWriteCommand({ RequestItems: { [tableName]: [...pending] } }));
    pending = (result.UnprocessedItems?.[tableName] ?? []) as BatchWrite[];
  }
}

/** Deletes items by key, unconditionally: for items nothing else writes meanwhile, or whose deletion may repeat. */
export function deleteKeys(keys: readonly Key[]): Promise<void> {
  return batchWrite(keys.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })));
}
